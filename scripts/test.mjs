#!/usr/bin/env node
// `npm test`: every suite that proves the kit, in order, stopping at the first failure. It always
// ends with a summary whose last line is exactly `N passed, N failed` (CI reads that line).
// Each suite runs in its own process group, which is killed when the suite ends, so a crashed
// test cannot leave a server behind.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { findChrome } from './find-chrome.mjs';
import { canInstallDebianPackages, ENGINES, missingEngines, selectedEngines } from './find-browsers.mjs';

const repoRoot = resolve(fileURLToPath(new URL('..', import.meta.url)));
const exists = (path) => () => existsSync(resolve(repoRoot, path));
const STEP_TIMEOUT_MS = 25 * 60_000;

/** Each parser returns {passed, failed} from a suite's output, or null when it finds no counts. */
const parsers = {
  nodeTest(text) {
    // TAP (`# pass 3`) when piped, spec (`ℹ pass 3`) on a terminal.
    const pass = lastMatch(text, /^(?:#|ℹ) pass (\d+)\s*$/gm);
    const fail = lastMatch(text, /^(?:#|ℹ) fail (\d+)\s*$/gm);
    return pass === null && fail === null ? null : { passed: pass ?? 0, failed: fail ?? 0 };
  },
  webTestRunner(text) {
    // One progress line per browser, repeated as it runs; the last one per browser is final.
    const perBrowser = new Map();
    for (const m of text.matchAll(/^\s*([A-Za-z][\w ]*?):\s*\|.*?\|\s*\d+\/\d+ test files \|\s*(\d+) passed, (\d+) failed/gm)) {
      perBrowser.set(m[1], { passed: Number(m[2]), failed: Number(m[3]) });
    }
    if (perBrowser.size > 0) return sum([...perBrowser.values()]);
    const passed = lastMatch(text, /(\d+) passed, \d+ failed/g);
    const failed = lastMatch(text, /\d+ passed, (\d+) failed/g);
    return passed === null ? null : { passed, failed: failed ?? 0 };
  },
  playwright(text) {
    const count = (word) => lastMatch(text, new RegExp(`^\\s+(\\d+) ${word}\\b`, 'gm'));
    const passed = count('passed');
    const failed = (count('failed') ?? 0) + (count('flaky') ?? 0) + (count('interrupted') ?? 0);
    return passed === null && failed === 0 ? null : { passed: passed ?? 0, failed };
  },
};

const npmRun = (script) => ['npm', ['run', script]];
const STEPS = [
  { id: 'build-server', name: 'build: server bundle', run: npmRun('build:server') },
  { id: 'build-kit', name: 'build: kit (dist/janua.js)', run: npmRun('build:kit') },
  { id: 'manifest', name: 'build: custom-elements.json', run: npmRun('manifest') },
  { id: 'build-packages', name: 'build: packages (dist/ + .d.ts)', run: npmRun('build:packages') },
  { id: 'typecheck', name: 'typecheck', run: ['npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']] },
  { id: 'server', name: 'server tests', run: npmRun('test:server'), parse: parsers.nodeTest },
  { id: 'security', name: 'security suite (server)', run: npmRun('test:security'), parse: parsers.nodeTest },
  { id: 'core', name: 'core tests', run: npmRun('test:core'), parse: parsers.nodeTest },
  { id: 'packages', name: 'package tests', run: npmRun('test:packages'), parse: parsers.nodeTest },
  { id: 'wrappers', name: 'wrapper tests', run: npmRun('test:wrappers'), parse: parsers.nodeTest },
  { id: 'unit', name: 'element tests', run: npmRun('test:unit'), parse: parsers.webTestRunner },
  { id: 'storybook', name: 'storybook build', run: npmRun('build-storybook'), when: exists('.storybook') },
  {
    id: 'stories-a11y',
    name: 'stories a11y',
    run: ['npx', ['playwright', 'test', '-c', 'playwright.stories.config.ts']],
    parse: parsers.playwright,
    when: exists('playwright.stories.config.ts'),
  },
  { id: 'e2e', name: 'end-to-end', run: npmRun('test:e2e'), parse: parsers.playwright },
  { id: 'security-browser', name: 'security suite (browser)', run: npmRun('test:security-browser'), parse: parsers.playwright },
  { id: 'examples', name: 'build: example apps (from the packed tarballs)', run: npmRun('examples') },
  { id: 'examples-e2e', name: 'example apps end-to-end', run: npmRun('test:examples'), parse: parsers.playwright },
  { id: 'size', name: 'size budget', run: npmRun('size') },
];

function lastMatch(text, regex) {
  let value = null;
  for (const m of text.matchAll(regex)) value = Number(m[1]);
  return value;
}

function sum(counts) {
  return counts.reduce((a, c) => ({ passed: a.passed + c.passed, failed: a.failed + c.failed }), { passed: 0, failed: 0 });
}

const stripAnsi = (text) => text.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
const seconds = (ms) => `${(ms / 1000).toFixed(1)}s`;

let current = null; // the running child, so a signal can take its whole group down
const results = []; // filled as steps finish; a signal prints what there is
let currentStep = null;

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

function runStep(step, env) {
  const [command, args] = step.run;
  const started = Date.now();
  return new Promise((resolveStep) => {
    const child = spawn(command, args, { cwd: repoRoot, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    currentStep = { step, started };
    let output = '';
    const keep = (chunk) => {
      output += chunk.toString();
      // Counts sit at the end; bound memory on a chatty suite.
      if (output.length > 4_000_000) output = output.slice(-2_000_000);
    };
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      keep(chunk);
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      keep(chunk);
    });
    const timer = setTimeout(() => {
      output += `\n[test.mjs] ${step.name} exceeded ${seconds(STEP_TIMEOUT_MS)}; stopping it.\n`;
      console.error(`\n[test.mjs] ${step.name} timed out after ${seconds(STEP_TIMEOUT_MS)}`);
      killGroup(child, 'SIGKILL');
    }, STEP_TIMEOUT_MS);
    const finish = (code, errorText) => {
      clearTimeout(timer);
      current = null;
      currentStep = null;
      // Whatever the suite started and left behind (servers, browsers) goes with it.
      killGroup(child, 'SIGTERM');
      if (errorText) output += errorText;
      resolveStep({ code, output: stripAnsi(output), ms: Date.now() - started });
    };
    child.on('error', (error) => finish(127, `\n${command}: ${error.message}\n`));
    child.on('close', (code, signal) => finish(code ?? (signal ? 128 : 1)));
  });
}

/**
 * The browsers the chosen steps drive: Chromium always (the end-to-end suites), and for the
 * element tests each engine JANUA_ENGINES picks (default: Chromium, Firefox and WebKit). On
 * Debian as root, what is missing is installed; otherwise it is reported with an install hint.
 * @returns {string[]} the problems left (empty when every browser is there)
 */
function ensureBrowsers(engines) {
  const missing = () => missingEngines([...new Set(['chromium', ...engines])]);
  let problems = missing();
  const packages = [...new Set(problems.filter((m) => !m.explicit).flatMap((m) => m.packages))];
  if (packages.length > 0 && canInstallDebianPackages()) {
    const command = `apt-get update && apt-get install -y ${packages.join(' ')}`;
    console.log(`[test.mjs] Missing browsers; installing the Debian packages (${command})…`);
    spawnSync('sh', ['-c', command], { stdio: 'inherit' });
    problems = missing();
  }
  return problems.map((m) => m.problem);
}

async function main() {
  const { values } = parseArgs({ options: { only: { type: 'string' }, list: { type: 'boolean' } } });
  if (values.list) {
    for (const step of STEPS) console.log(`${step.id.padEnd(14)} ${step.name}`);
    return 0;
  }
  let steps = STEPS;
  if (values.only) {
    const wanted = values.only.split(',').map((s) => s.trim());
    const unknown = wanted.filter((id) => !STEPS.some((s) => s.id === id));
    if (unknown.length) {
      console.error(`Unknown step(s): ${unknown.join(', ')}. Run \`npm test -- --list\` to see them.`);
      return 2;
    }
    steps = STEPS.filter((s) => wanted.includes(s.id));
  }

  // Element tests: every engine, unless JANUA_ENGINES narrows it (a developer without Firefox).
  let engines;
  try {
    engines = steps.some((s) => s.id === 'unit') ? selectedEngines() : [];
  } catch (error) {
    console.error(error.message);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const problems = ensureBrowsers(engines);
  if (problems.length > 0) {
    for (const problem of problems) console.error(problem);
    console.log('0 passed, 1 failed');
    return 1;
  }
  const chrome = findChrome();
  const env = {
    ...process.env,
    CHROME_PATH: chrome,
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
    STORYBOOK_DISABLE_TELEMETRY: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
    NO_UPDATE_NOTIFIER: '1',
  };
  console.log(`[test.mjs] Chromium: ${chrome}`);
  if (engines.length > 0) {
    // The summary names the engines, so a narrowed run cannot pass for a full one.
    STEPS.find((s) => s.id === 'unit').name = `element tests (${engines.join(', ')})`;
    const left = ENGINES.filter((e) => !engines.includes(e));
    console.log(`[test.mjs] Element tests in: ${engines.join(', ')}${left.length ? ` (JANUA_ENGINES leaves out ${left.join(', ')})` : ''}`);
  }

  let stopped = false;
  for (const step of steps) {
    if (stopped) {
      results.push({ step, status: 'not run' });
      continue;
    }
    if (step.when && !step.when()) {
      results.push({ step, status: 'absent' });
      continue;
    }
    console.log(`\n━━ ${step.name} ━━ ${step.run[0]} ${step.run[1].join(' ')}`);
    const { code, output, ms } = await runStep(step, env);
    // A signal arrived: its handler records this step and prints the summary.
    if (interrupted) return new Promise(() => {});
    let counts = step.parse?.(output) ?? null;
    const parsed = counts !== null;
    // A step without test counts (a build, the typecheck) counts as one check.
    if (!counts) counts = code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
    // A suite that crashed before reporting, or exited non-zero with all-green counts, failed.
    if (code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 };
    const ok = code === 0;
    results.push({ step, status: ok ? 'passed' : 'failed', code, ms, counts, parsed });
    console.log(`━━ ${step.name}: ${ok ? 'passed' : `FAILED (exit ${code})`} in ${seconds(ms)}`);
    if (!ok) stopped = true;
  }

  printSummary(results);
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

function printSummary(results) {
  console.log('\nSummary');
  const width = Math.max(...results.map((r) => r.step.name.length));
  for (const r of results) {
    const name = r.step.name.padEnd(width);
    if (r.status === 'not run') console.log(`  ${'-'.padEnd(4)} ${name}  not run (an earlier step failed)`);
    else if (r.status === 'absent') console.log(`  ${'-'.padEnd(4)} ${name}  skipped (not set up in this tree)`);
    else {
      const mark = r.status === 'passed' ? 'ok' : 'FAIL';
      const detail = r.parsed ? `${r.counts.passed} passed, ${r.counts.failed} failed` : r.status === 'passed' ? 'ok' : `exit ${r.code}`;
      console.log(`  ${mark.padEnd(4)} ${name}  ${seconds(r.ms).padStart(7)}  ${detail}`);
    }
  }
  const total = sum(results.filter((r) => r.counts).map((r) => r.counts));
  console.log('  (steps without test counts — builds, typecheck, size — count as one check each)');
  console.log(`${total.passed} passed, ${total.failed} failed`);
}

/** SIGTERM to the group, then SIGKILL to whatever is still there after a grace period. */
async function stopGroup(child, graceMs = 3_000) {
  killGroup(child, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    try {
      process.kill(-child.pid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  killGroup(child, 'SIGKILL');
}

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n[test.mjs] ${signal}: stopping.`);
    const running = currentStep;
    if (current) await stopGroup(current);
    if (running) {
      const ms = Date.now() - running.started;
      results.push({ step: running.step, status: 'failed', code: signal, ms, counts: { passed: 0, failed: 1 }, parsed: false });
    }
    if (results.length > 0) printSummary(results);
    process.exit(130);
  });
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(`[test.mjs] ${error.stack ?? error}`);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
