#!/usr/bin/env node
/*
 * `npm run bench:render`: how fast a page that loads the kit shows a usable sign-in form, in the
 * system Chromium, side by side with Hanko's <hanko-auth>, run by run.
 *
 * Servers, all on 127.0.0.1 (pages on `localhost`, so page and API are the same site):
 *  - the reference server (packages/server CLI, in-memory database, --dev --no-rate-limit);
 *  - a static server for the pages (scripts/static-server.mjs: the page folder, then dist/);
 *  - a stub of Hanko's flow API (scripts/bench/hanko-stub.mjs: the two answers its first screen
 *    needs, documented there).
 * Every page has the same frame (a heading and a paragraph above the element, a paragraph below
 * it, the same stylesheet) and one module script: `/janua.js` (the CDN build, `npm run
 * build:kit`) or `/hanko.js` (`register(api)` from @teamhanko/hanko-elements, bundled by esbuild
 * with bench:compare's settings).
 *
 * Scenarios: `sign-in` (Janua's <janua-sign-in> and Hanko's <hanko-auth>, interleaved run by
 * run), and Janua alone: `fifty` (50 <janua-sign-in> on one page), `signed-in` (a signed-in
 * visitor: the session restored from the refresh cookie, <janua-user-button> directly in the
 * provider as its README says (it holds its own size while the session restores; inside
 * <janua-signed-in> it would appear only once restored, and move what follows), or user name +
 * sign-out button in <janua-signed-in> where the build has no user button),
 * `provider` (<janua-provider><janua-signed-out><janua-sign-in>, which shows nothing until the
 * session restore has settled).
 *
 * Each run is a fresh browser context (empty cache, no cookies but the ones a scenario sets) and
 * page; CPU throttling (Emulation.setCPUThrottlingRate) is set before navigation. An init script
 * registers PerformanceObservers for `longtask` and `layout-shift` before any page script and
 * checks on every animation frame whether the page is ready (see READY); then the run waits
 * 500 ms more for late tasks and shifts. Per run:
 *  - ready: ms from navigation start to the first frame where the scenario's inputs (or the user
 *    button) are visible and enabled;
 *  - script: main-thread JavaScript time until ready (CDP Performance.getMetrics ScriptDuration:
 *    compile, evaluation and every callback);
 *  - long tasks before ready: count, the longest, their total; the same 500 ms later;
 *  - CLS from load to ready (layout-shift entries without recent input, summed), and to ready + 500 ms.
 * Reported as medians with p25–p75, and Janua / Hanko ratios of the medians.
 *
 *   node scripts/bench-render.mjs [--runs 20] [--throttle 1,4] [--only sign-in,element,fifty,signed-in,provider]
 *                                 [--json] [--verbose] [--write docs/performance.md] [--trace <dir>]
 *
 * "element" adds the same sign-in page loading `dist/elements/sign-in.js` (the per-element build:
 * `<janua-sign-in>` and what it renders, as `import '@janua/ui/sign-in'` gives a bundler) instead
 * of `janua.js`, interleaved with the other two.
 *
 * --baseline <dist> adds a contender to the sign-in scenario: the same Janua page served from
 * another build of the kit (e.g. one made from an earlier commit), to measure a change A/B.
 *
 * --trace writes a Chrome trace (chrome://tracing, DevTools Performance panel) of each page's last
 * run into <dir>; scripts/bench/trace-tasks.mjs lists its long tasks and what filled them.
 *
 * Needs `npm run build:kit` and `npm run build:server` first (it says so). Not part of npm test.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { build } from 'esbuild';
import { CHROME_FLAGS, findChrome, INSTALL_HINT } from './find-chrome.mjs';
import { createStaticServer, listen } from './static-server.mjs';
import { createHankoStub } from './bench/hanko-stub.mjs';
import { mainThreadTasks, TASK_CATEGORIES } from './bench/task-cpu.mjs';
import { esbuildOptions } from './bench-compare.mjs';
import { machineLine, markdownTable, ratio, summary, textTable, writeSection } from './bench/common.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PASSWORD = 'Bench-password-2026';
const SETTLE_MS = 500;

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '20' },
    throttle: { type: 'string', default: '1,4' },
    only: { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    write: { type: 'string' },
    trace: { type: 'string' },
    baseline: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log('usage: node scripts/bench-render.mjs [--runs 20] [--throttle 1,4] [--only sign-in,fifty,signed-in,provider] [--json] [--verbose] [--write docs/performance.md]');
  process.exit(0);
}
const RUNS = Number(values.runs);
const RATES = values.throttle.split(',').map(Number);
if (!Number.isInteger(RUNS) || RUNS < 1 || RATES.some((r) => !(r >= 1))) {
  console.error('bench-render: --runs must be a positive integer and --throttle rates ≥ 1');
  process.exit(2);
}
const SCENARIOS = ['sign-in', 'element', 'fifty', 'signed-in', 'provider'];
const only = new Set(values.only ? values.only.split(',') : SCENARIOS);
for (const s of only) {
  if (!SCENARIOS.includes(s)) {
    console.error(`bench-render: unknown scenario "${s}" (${SCENARIOS.join(', ')})`);
    process.exit(2);
  }
}
if (only.has('element') && !only.has('sign-in')) {
  console.error('bench-render: "element" runs beside the "sign-in" pair; name both');
  process.exit(2);
}
if (values.write && (only.size < SCENARIOS.length || RUNS < 20 || !RATES.includes(4))) {
  console.error('bench-render: --write needs every scenario, --runs ≥ 20 and 4× throttling among the rates');
  process.exit(2);
}
for (const [file, command] of [['dist/janua.js', 'npm run build:kit'], ['packages/server/dist/cli.js', 'npm run build:server']]) {
  if (!existsSync(join(root, file))) {
    console.error(`bench-render: ${file} is missing; run \`${command}\` first.`);
    process.exit(2);
  }
}
const chrome = findChrome();
if (!chrome) {
  console.error(INSTALL_HINT);
  process.exit(2);
}
if (values.trace) mkdirSync(resolve(values.trace), { recursive: true });
const hasUserButton = existsSync(join(root, 'dist/elements/user-button.js'));

/* ---- what "ready" means, per page, evaluated in the page on every animation frame ----------- */

// Shared by every predicate: an input or button a user can see and use.
const USABLE = `(el) => !!el && el.isConnected && !el.matches(':disabled') && el.getBoundingClientRect().width > 0 &&
  (el.checkVisibility ? el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) : true)`;
// Hanko renders inside shadow roots (nested ones too): search them all.
const DEEP = `(root, selector) => {
  const found = root.querySelector(selector);
  if (found) return found;
  for (const el of root.querySelectorAll('*')) {
    if (el.shadowRoot) { const inner = deep(el.shadowRoot, selector); if (inner) return inner; }
  }
  return null;
}`;
const READY = {
  janua: `() => usable(document.querySelector('janua-sign-in input[name="email"]')) && usable(document.querySelector('janua-sign-in input[name="password"]'))`,
  hanko: `() => usable(deep(document, 'input[type="email"]'))`,
  fifty: `() => { const all = document.querySelectorAll('janua-sign-in input[name="email"]'); return all.length === 50 && [...all].every(usable); }`,
  signedIn: hasUserButton
    ? `() => { const b = document.querySelector('janua-user-button'); return !!b && usable(b.shadowRoot && b.shadowRoot.querySelector('button')); }`
    : `() => { const n = document.querySelector('janua-user-name'); const b = document.querySelector('janua-sign-out-button');
         return !!n && (n.shadowRoot ? n.shadowRoot.textContent : n.textContent).trim().length > 0 && usable(b && b.shadowRoot && b.shadowRoot.querySelector('button')); }`,
  provider: `() => usable(document.querySelector('janua-signed-out janua-sign-in input[name="email"]'))`,
};

function initScript(ready) {
  return `(() => {
  const usable = ${USABLE};
  const deep = ${DEEP};
  const ready = ${ready};
  let settle;
  const b = (window.__bench = { ready: null, longtasks: [], shifts: [], defined: {}, done: new Promise((resolve) => (settle = resolve)) });
  for (const tag of ['janua-sign-in', 'janua-provider', 'hanko-auth']) customElements.whenDefined(tag).then(() => { b.defined[tag] = performance.now(); });
  document.addEventListener('DOMContentLoaded', () => { b.dcl = performance.now(); });
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) b.longtasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        if (e.hadRecentInput) continue;
        b.shifts.push({ start: e.startTime, value: e.value, sources: (e.sources || []).map((s) => s.node ? (s.node.nodeName + (s.node.className && typeof s.node.className === 'string' ? '.' + s.node.className.split(' ').join('.') : '')) : '?'),
          moves: (e.sources || []).map((s) => Math.round(s.previousRect.y) + '→' + Math.round(s.currentRect.y)) });
      }
    }).observe({ type: 'layout-shift', buffered: true });
  } catch (e) { b.observerError = String(e); }
  const tick = () => {
    let ok = false;
    try { ok = ready(); } catch { ok = false; }
    if (ok) { b.ready = performance.now(); settle(); return; }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;
}

/* ---- pages --------------------------------------------------------------------------------- */

const CSS = `body { margin: 0; padding: 1.5rem; font-family: system-ui, sans-serif; line-height: 1.5; }
header, main, footer { max-width: 30rem; margin-inline: auto; }
footer { margin-block-start: 1.5rem; color: #555; }
/* The space the card takes, held before the kit loads (components/sign-in/README.md, "Reserving
   its space"): without it the footer moves down when the card first renders. Hanko documents no
   such rule; its page gets none. */
janua-sign-in { display: block; min-block-size: 31.5rem; }
/* A signed-out gate renders nothing while the session restores (so a returning user never sees
   the form flash), which takes the card's reserve with it: there the provider holds the space. */
janua-provider:has(> janua-signed-out) { display: block; min-block-size: 31.5rem; }
/* The user button holds its size from its first paint; before the kit defines it, the page does
   (components/user-button/README.md). */
janua-user-button:not(:defined) { display: inline-block; inline-size: 2.25rem; block-size: 2.25rem; vertical-align: middle; }
`;

function page({ title, script, body }) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="stylesheet" href="/bench.css">
  <script type="module" src="${script}"></script>
</head>
<body>
  <header><h1>Acme</h1><p>Sign in to continue to your workspace.</p></header>
  <main>
${body}
  </main>
  <footer><p>By continuing you agree to the terms of service. Need help? Contact support.</p></footer>
</body>
</html>
`;
}

function writePages(dir, api, hankoApi) {
  writeFileSync(join(dir, 'bench.css'), CSS);
  writeFileSync(join(dir, 'janua-sign-in.html'), page({ title: 'Janua sign-in', script: '/janua.js', body: `    <janua-sign-in api="${api}"></janua-sign-in>` }));
  writeFileSync(join(dir, 'janua-sign-in-element.html'), page({ title: 'Janua sign-in (per-element build)', script: '/elements/sign-in.js', body: `    <janua-sign-in api="${api}"></janua-sign-in>` }));
  writeFileSync(join(dir, 'hanko-sign-in.html'), page({ title: 'Hanko sign-in', script: '/hanko.js', body: '    <hanko-auth></hanko-auth>' }));
  writeFileSync(join(dir, 'janua-fifty.html'), page({
    title: 'Janua ×50',
    script: '/janua.js',
    body: `    <janua-provider api="${api}">\n${Array.from({ length: 50 }, () => '      <janua-sign-in></janua-sign-in>').join('\n')}\n    </janua-provider>`,
  }));
  const signedInBody = hasUserButton
    ? '<janua-user-button></janua-user-button>'
    : '<janua-signed-in><p>Hello, <janua-user-name></janua-user-name></p><janua-sign-out-button></janua-sign-out-button></janua-signed-in>';
  writeFileSync(join(dir, 'janua-signed-in.html'), page({
    title: 'Janua signed in',
    script: '/janua.js',
    body: `    <janua-provider api="${api}">\n      ${signedInBody}\n    </janua-provider>`,
  }));
  writeFileSync(join(dir, 'janua-provider.html'), page({
    title: 'Janua provider + signed-out',
    script: '/janua.js',
    body: `    <janua-provider api="${api}">\n      <janua-signed-out><janua-sign-in></janua-sign-in></janua-signed-out>\n    </janua-provider>`,
  }));
  writeFileSync(join(dir, 'blank.html'), '<!doctype html><title>blank</title>');
  return build(esbuildOptions({ id: 'hanko', code: `import { register } from '@teamhanko/hanko-elements';\nregister(${JSON.stringify(hankoApi)});` }, dir));
}

/* ---- servers ------------------------------------------------------------------------------- */

function startReferenceServer(cors) {
  const bin = join(root, 'packages/server/bin/janua-server.mjs');
  const child = spawn(process.execPath, [bin, '--port', '0', '--host', '127.0.0.1', '--db', ':memory:', '--dev', '--no-rate-limit', '--cors', cors], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`reference server did not start:\n${out}`)), 60_000);
    child.stdout.on('data', () => {
      const url = /Janua reference server on (http:\/\/\S+)/.exec(out)?.[1];
      if (url) {
        clearTimeout(timer);
        done({ child, url });
      }
    });
    child.once('exit', (code) => fail(new Error(`reference server exited with ${code}:\n${out}`)));
  });
}

async function waitReady(api) {
  for (let i = 0; i < 300; i++) {
    try {
      const res = await fetch(`${api}/.well-known/jwks.json`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('reference server never became ready');
}

/* ---- one run ------------------------------------------------------------------------------- */

/**
 * Waits for the page's init script to see the form ready, through a bare CDP Runtime.evaluate of a
 * promise it holds, and answers when that was (ms since navigation start). Not Playwright's waitForFunction: that injects Playwright's own script into the
 * page as the navigation commits, and parsing it took 35 to 60 ms on the main thread while the
 * page loaded: the longest task of many runs of both contenders. Sent right after the commit, the
 * evaluation can reach the document being replaced; then it fails or finds no __bench, and is
 * sent again.
 */
async function untilReady(cdp, timeout) {
  let timer;
  const late = new Promise((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`the page was not ready within ${timeout} ms`)), timeout);
  });
  try {
    for (;;) {
      const answer = await Promise.race([
        cdp.send('Runtime.evaluate', { expression: 'window.__bench ? window.__bench.done.then(() => window.__bench.ready) : null', awaitPromise: true, returnByValue: true }).catch(() => null),
        late,
      ]);
      if (typeof answer?.result?.value === 'number') return answer.result.value;
      await Promise.race([new Promise((r) => setTimeout(r, 10)), late]);
    }
  } finally {
    clearTimeout(timer);
  }
}

async function measure(browser, { url, ready, rate, before, trace }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    if (before) await before(context);
    await context.addInitScript({ content: initScript(ready) });
    const pageHandle = await context.newPage();
    const cdp = await context.newCDPSession(pageHandle);
    await cdp.send('Performance.enable');
    await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    const errors = [];
    pageHandle.on('pageerror', (e) => errors.push(String(e)));
    // Every run is traced, for each task's CPU time (scripts/bench/task-cpu.mjs); --trace keeps
    // the last run's trace, with the JavaScript categories added.
    await browser.startTracing(pageHandle, { ...(trace && { path: trace }), categories: trace ? [...TASK_CATEGORIES, 'devtools.timeline', 'v8.execute', 'loading'] : TASK_CATEGORIES });
    await pageHandle.goto(url, { waitUntil: 'commit' });
    const readyAt = await untilReady(cdp, 60_000 * rate);
    const { metrics } = await cdp.send('Performance.getMetrics');
    const script = 1000 * (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? NaN);
    await pageHandle.waitForTimeout(SETTLE_MS);
    const tasks = mainThreadTasks(JSON.parse(String(await browser.stopTracing())), url, readyAt);
    if (!tasks) errors.push(`the trace has no navigation to ${url}: no CPU times for this run`);
    const b = await pageHandle.evaluate(() => ({ ...window.__bench, resources: performance.getEntriesByType('resource').map((e) => [e.name.split('/').pop(), Math.round(e.startTime), Math.round(e.responseEnd)]) }));
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const tasksBefore = b.longtasks.filter((t) => t.start < b.ready);
    const cls = (until) => b.shifts.filter((s) => s.start <= until).reduce((a, s) => a + s.value, 0);
    return {
      ready: b.ready,
      script,
      longTasks: tasksBefore.length,
      longest: Math.max(0, ...tasksBefore.map((t) => t.duration)),
      longTotal: tasksBefore.reduce((a, t) => a + t.duration, 0),
      longestSettled: Math.max(0, ...b.longtasks.map((t) => t.duration)),
      longestCpu: tasks?.length ? Math.max(...tasks.map((t) => t.cpu)) : NaN,
      cls: cls(b.ready),
      clsSettled: cls(b.ready + SETTLE_MS),
      shifts: b.shifts,
      timeline: { dcl: b.dcl, defined: b.defined, resources: b.resources },
      errors: [...errors, ...(b.observerError ? [b.observerError] : [])],
    };
  } finally {
    await context.close();
  }
}

/* ---- report -------------------------------------------------------------------------------- */

const f0 = (v) => (Number.isFinite(v) ? v.toFixed(0) : '-');
const f4 = (v) => (Number.isFinite(v) ? v.toFixed(4) : '-');
const spread = (s, f = f0) => `${f(s.median)} (${f(s.p25)}–${f(s.p75)})`;

function stats(runs) {
  const pick = (k) => summary(runs.map((r) => r[k]));
  return {
    n: runs.length,
    ready: pick('ready'),
    script: pick('script'),
    longTasks: pick('longTasks'),
    longest: pick('longest'),
    longTotal: pick('longTotal'),
    longestSettled: pick('longestSettled'),
    cls: pick('cls'),
    clsSettled: pick('clsSettled'),
    over50: runs.filter((r) => r.longest > 50).length,
    longestCpu: pick('longestCpu'),
    over50Cpu: runs.filter((r) => r.longestCpu > 50).length,
  };
}

const HEAD = ['page', 'CPU', 'runs', 'ready ms', 'script ms', 'long tasks', 'longest ms', 'long-task total ms', 'runs with a task > 50 ms', 'longest task, CPU ms', 'runs with a task > 50 ms CPU', 'CLS to ready', 'CLS +500 ms'];
const ALIGN = 'lrrrrrrrrrrrr';
function row(label, rate, s) {
  return [label, `${rate}×`, s.n, spread(s.ready), spread(s.script), f0(s.longTasks.median), spread(s.longest), spread(s.longTotal), `${s.over50}/${s.n}`, spread(s.longestCpu), `${s.over50Cpu}/${s.n}`, `${f4(s.cls.median)} (max ${f4(s.cls.max)})`, f4(s.clsSettled.median)];
}

/* ---- main ---------------------------------------------------------------------------------- */

const dir = mkdtempSync(join(os.tmpdir(), 'janua-bench-render-'));
const children = [];
const servers = [];
let browser;
try {
  const stub = createHankoStub();
  const hankoUrl = (await listen(stub.server, 0)).replace('127.0.0.1', 'localhost');
  servers.push(stub.server);
  // Pages on localhost, API on 127.0.0.1 would be cross-site; both on localhost keeps the cookie first-party.
  const staticProbe = createStaticServer({ root: dir, distDir: join(root, 'dist') });
  const pageOrigin = (await listen(staticProbe, 0)).replace('127.0.0.1', 'localhost');
  servers.push(staticProbe);
  let baselineOrigin;
  if (values.baseline) {
    const baseline = createStaticServer({ root: dir, distDir: resolve(values.baseline) });
    baselineOrigin = (await listen(baseline, 0)).replace('127.0.0.1', 'localhost');
    servers.push(baseline);
  }
  const server = await startReferenceServer(baselineOrigin ? `${pageOrigin},${baselineOrigin}` : pageOrigin);
  children.push(server.child);
  const api = server.url.replace('127.0.0.1', 'localhost');
  await waitReady(api);
  await writePages(dir, api, hankoUrl);

  // One account for the signed-in scenario.
  const email = `bench-${Date.now()}@example.test`;
  if (only.has('signed-in')) {
    const res = await fetch(`${api}/api/v1/auth/signup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password: PASSWORD, first_name: 'Bench', last_name: 'User' }) });
    if (!res.ok) throw new Error(`sign-up for the signed-in scenario failed: ${res.status} ${await res.text()}`);
  }
  const signIn = async (context) => {
    const res = await context.request.post(`${api}/api/v1/auth/signin`, { headers: { Origin: pageOrigin, 'X-Janua-Client': '1' }, data: { email, password: PASSWORD } });
    if (!res.ok()) throw new Error(`bench sign-in failed: ${res.status()} ${await res.text()}`);
  };

  browser = await chromium.launch({ executablePath: chrome, args: CHROME_FLAGS });
  const version = browser.version();
  const results = {};
  const log = (s) => { if (!values.json) process.stdout.write(s); };
  log(`bench-render: Chromium ${version}, ${RUNS} runs per page and CPU rate, interleaved; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' / ')}\n`);

  const plan = [];
  if (only.has('sign-in')) plan.push({ key: 'sign-in', pages: [
    { label: 'janua', url: `${pageOrigin}/janua-sign-in.html`, ready: READY.janua },
    { label: 'hanko', url: `${pageOrigin}/hanko-sign-in.html`, ready: READY.hanko },
    ...(only.has('element') ? [{ label: 'element', url: `${pageOrigin}/janua-sign-in-element.html`, ready: READY.janua }] : []),
    ...(baselineOrigin ? [{ label: 'baseline', url: `${baselineOrigin}/janua-sign-in.html`, ready: READY.janua }] : []),
  ] });
  const extras = [];
  if (only.has('fifty')) extras.push({ label: 'fifty', url: `${pageOrigin}/janua-fifty.html`, ready: READY.fifty });
  if (only.has('signed-in')) extras.push({ label: 'signed-in', url: `${pageOrigin}/janua-signed-in.html`, ready: READY.signedIn, before: signIn });
  if (only.has('provider')) extras.push({ label: 'provider', url: `${pageOrigin}/janua-provider.html`, ready: READY.provider });
  if (extras.length) plan.push({ key: 'janua', pages: extras });

  for (const rate of RATES) {
    for (const group of plan) {
      for (const p of group.pages) results[`${p.label}@${rate}`] = [];
      log(`  ${rate}× ${group.pages.map((p) => p.label).join(' / ')}: `);
      for (let i = 0; i < RUNS; i++) {
        // Interleaved, and the order flips every round, so a busy moment costs every page alike.
        const order = i % 2 === 0 ? group.pages : [...group.pages].reverse();
        for (const p of order) {
          const trace = values.trace && i === RUNS - 1 ? join(resolve(values.trace), `${p.label}-${rate}x.json`) : undefined;
          const r = await measure(browser, { url: p.url, ready: p.ready, rate, before: p.before, trace });
          results[`${p.label}@${rate}`].push(r);
          if (r.errors.length && values.verbose) console.error(`\n    ${p.label}: ${r.errors.join('; ')}`);
        }
        log('.');
      }
      log('\n');
    }
  }

  const labels = { element: 'Janua `<janua-sign-in>`, per-element build (`elements/sign-in.js`)', baseline: `Janua \`<janua-sign-in>\`, baseline build (${values.baseline})`, janua: 'Janua `<janua-sign-in>`', hanko: 'Hanko `<hanko-auth>`', fifty: 'Janua, 50 `<janua-sign-in>` under a provider', 'signed-in': `Janua signed in (${hasUserButton ? '`<janua-user-button>`' : 'user name + sign-out button'})`, provider: 'Janua `<janua-provider><janua-signed-out><janua-sign-in>`' };
  const table = [];
  const summaries = {};
  for (const [key, runs] of Object.entries(results)) {
    const [label, rate] = key.split('@');
    summaries[key] = stats(runs);
    table.push(row(labels[label], Number(rate), summaries[key]));
  }
  // One line per pair and CPU rate: the first page's medians over the second's.
  const PAIRS = [['janua', 'hanko', 'Janua / Hanko'], ['element', 'hanko', 'Janua per-element build / Hanko'], ['janua', 'baseline', 'Janua / baseline build']];
  const ratioLines = [];
  for (const [first, second, name] of PAIRS) {
    for (const rate of RATES) {
      const a = summaries[`${first}@${rate}`];
      const b = summaries[`${second}@${rate}`];
      if (!a || !b) continue;
      ratioLines.push(`${rate}× CPU, ${name} (medians): ready ${ratio(a.ready.median, b.ready.median)} (${f0(a.ready.median)} vs ${f0(b.ready.median)} ms), ` +
        `script ${ratio(a.script.median, b.script.median)}, long-task total ${ratio(a.longTotal.median, b.longTotal.median)} (${f0(a.longTotal.median)} vs ${f0(b.longTotal.median)} ms), ` +
        `longest task ${ratio(a.longest.median, b.longest.median)} (${f0(a.longest.median)} vs ${f0(b.longest.median)} ms; CPU ${f0(a.longestCpu.median)} vs ${f0(b.longestCpu.median)} ms), CLS to ready ${f4(a.cls.median)} vs ${f4(b.cls.median)}.`);
    }
  }
  const unexpected = [...new Set(stub.unexpected)];
  const machine = machineLine(`, Chromium ${version}`);

  if (values.json) {
    console.log(JSON.stringify({ runs: RUNS, rates: RATES, summaries, results, ratios: ratioLines, unexpectedHankoRequests: unexpected, machine }, null, 2));
  } else {
    console.log(`\n${textTable(HEAD, table, ALIGN)}\n`);
    console.log('median (p25–p75); ready = navigation start to usable inputs; script = main-thread JS until ready; long tasks before ready (wall time); longest task, CPU = the main thread’s CPU time in its longest task until ready (trace)');
    for (const line of ratioLines) console.log(line);
    if (unexpected.length) console.log(`Hanko stub: requests it does not serve: ${unexpected.join(', ')}`);
    if (values.verbose) {
      for (const [key, runs] of Object.entries(results)) {
        const sources = new Map();
        for (const r of runs) for (const s of r.shifts) for (const src of s.sources) sources.set(src, (sources.get(src) ?? 0) + s.value / runs.length);
        if (sources.size) console.log(`${key} layout-shift sources (mean CLS share per run): ${[...sources].map(([k, v]) => `${k} ${v.toFixed(4)}`).join(', ')}`);
        const t = runs.at(-1).timeline;
        console.log(`${key} last run: DOMContentLoaded ${t.dcl?.toFixed(0)} ms, defined ${JSON.stringify(Object.fromEntries(Object.entries(t.defined).map(([k, v]) => [k, Math.round(v)])))}, ready ${runs.at(-1).ready.toFixed(0)} ms; fetched ${t.resources.map(([n, a, z]) => `${n} ${a}–${z}`).join(', ')}`);
        const first = runs.find((r) => r.shifts.length);
        if (first) console.log(`  e.g. ${first.shifts.map((s) => `at ready${s.start >= first.ready ? '+' : ''}${(s.start - first.ready).toFixed(0)} ms ${s.value.toFixed(4)} (${s.sources.map((n, i) => `${n} y ${s.moves[i]}`).join(', ')})`).join('; ')}`);
      }
    }
    console.log(`Machine: ${machine}`);
  }

  if (values.write) {
    const target = resolve(process.cwd(), values.write);
    const body = [
      '## Rendering against Hanko (`npm run bench:render`)',
      '',
      `Run on ${new Date().toISOString().slice(0, 10)}: ${RUNS} runs per page and CPU rate in Debian's Chromium ${version} (headless), the contenders interleaved run by run. Each run is a fresh browser context; "ready" is the time from navigation start to the first animation frame in which the form's inputs (or the user button) are visible and enabled; "script" is main-thread JavaScript until then (CDP \`ScriptDuration\`); long tasks (≥ 50 ms, \`PerformanceObserver\`) and CLS are counted from navigation to ready. Those long tasks are wall time, which a busy shared machine stretches (a thread that waits for a core still counts); "longest task, CPU" is the main thread's own CPU time in its longest task until ready, from a trace of the same run (\`RunTask\` \`tdur\`, \`scripts/bench/task-cpu.mjs\`), which does not grow with the machine's load (at 4× it does count Chromium's throttling, which slows the thread itself). The harness waits for "ready" through a bare CDP \`Runtime.evaluate\`, so no script of its own is parsed on the page's main thread while it loads. Medians, with p25–p75 in brackets.`,
      '',
      markdownTable(HEAD, table, ALIGN),
      '',
      ...ratioLines.map((l) => `- ${l}`),
      '',
      `Hanko runs against \`scripts/bench/hanko-stub.mjs\`, which serves exactly the two flow answers its first screen needs (\`preflight\`, then \`login_init\` with an email input)${unexpected.length ? `; it was also asked for ${unexpected.join(', ')}` : ' and was asked for nothing else'}. Janua runs against the reference server (in-memory database), whose session-restore probe answers 204 for a visitor without a session.`,
      '',
      `Machine: ${machine}.`,
    ].join('\n');
    writeSection(target, 'bench:render', body);
    console.log(`wrote ${relative(process.cwd(), target) || target}`);
  }
} finally {
  await browser?.close().catch(() => {});
  for (const s of servers) {
    s.closeAllConnections?.();
    s.close();
  }
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
