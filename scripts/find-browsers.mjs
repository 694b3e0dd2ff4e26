#!/usr/bin/env node
// The three browser engines the element tests run in, all from system packages (nothing here
// downloads a browser): Chromium (see find-chrome.mjs), Firefox ESR driven over WebDriver BiDi,
// and WebKitGTK's MiniBrowser driven by WebKitWebDriver (on a virtual X display, Xvfb, when
// there is no display).
//
// JANUA_ENGINES=chromium,firefox,webkit picks some of them (default: all three). A selected
// engine that is not installed is an error with an install hint, never a silent skip.
//
//   node scripts/find-browsers.mjs             prints what it found; exit 1 with hints if not all
//   node scripts/find-browsers.mjs --packages  prints the Debian packages that would supply what
//                                              is missing (one line; empty when nothing is, or
//                                              when a wrong explicit path is the problem)
import { readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { canInstallChromium, findChrome, INSTALL_HINT as CHROME_HINT, isExecutable } from './find-chrome.mjs';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

export const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
export const WEBKIT_DRIVER_CANDIDATES = ['/usr/bin/WebKitWebDriver'];

/** Debian packages that provide each engine (what `.ci/run` and `npm test` install as root). */
export const DEBIAN_PACKAGES = {
  chromium: ['chromium'],
  firefox: ['firefox-esr'],
  webkit: ['webkit2gtk-driver', 'libwebkit2gtk-4.1-0', 'xvfb'],
};

/** Linux, root and Debian: missing browsers can be installed with apt-get. */
export const canInstallDebianPackages = canInstallChromium;

function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** An explicit path that is wrong is a configuration error, not a reason to guess. */
function fromEnvOr(env, variable, candidates) {
  const explicit = env[variable]?.trim();
  if (explicit) return isExecutable(explicit) ? explicit : null;
  return candidates.find(isExecutable) ?? null;
}

/** @returns {string[]} the engines JANUA_ENGINES names, in the fixed order; throws on a typo. */
export function selectedEngines(env = process.env) {
  const raw = env.JANUA_ENGINES?.trim();
  if (!raw) return [...ENGINES];
  const wanted = raw.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean);
  const unknown = wanted.filter((name) => !ENGINES.includes(name));
  if (unknown.length > 0 || wanted.length === 0) {
    throw new Error(`JANUA_ENGINES=${raw}: expected a comma-separated list of ${ENGINES.join(', ')}.`);
  }
  return ENGINES.filter((name) => wanted.includes(name));
}

/** @returns {string | null} */
export function findFirefox(env = process.env) {
  return fromEnvOr(env, 'FIREFOX_PATH', FIREFOX_CANDIDATES);
}

/** MiniBrowser ships in the multiarch library folder of libwebkit2gtk-4.1-0. */
function miniBrowserCandidates() {
  const found = [];
  for (const lib of ['/usr/lib', '/usr/lib64']) {
    let entries = [];
    try {
      entries = readdirSync(lib);
    } catch {
      continue;
    }
    found.push(join(lib, 'webkit2gtk-4.1', 'MiniBrowser'));
    for (const entry of entries) {
      if (entry.endsWith('-linux-gnu')) found.push(join(lib, entry, 'webkit2gtk-4.1', 'MiniBrowser'));
    }
  }
  return found;
}

/**
 * WebKitWebDriver (WEBKIT_DRIVER_PATH), the MiniBrowser it starts (MINIBROWSER_PATH) and, when
 * there is no display to show it on, the virtual X server Xvfb.
 * @returns {{ driver: string | null, browser: string | null, xvfb: string | null, needsXvfb: boolean }}
 */
export function findWebKit(env = process.env) {
  const needsXvfb = !env.DISPLAY && !env.WAYLAND_DISPLAY;
  return {
    driver: fromEnvOr(env, 'WEBKIT_DRIVER_PATH', WEBKIT_DRIVER_CANDIDATES),
    browser: fromEnvOr(env, 'MINIBROWSER_PATH', miniBrowserCandidates()),
    xvfb: onPath('Xvfb', env),
    needsXvfb,
  };
}

const hint = (engine) => `Debian/Ubuntu: \`apt-get install -y ${DEBIAN_PACKAGES[engine].join(' ')}\``;

/**
 * What each selected engine lacks, as sentences a developer can act on, plus the Debian packages
 * that would supply it. `explicit`: the developer named a path (CHROME_PATH, …) that is wrong, a
 * configuration error that installing a package would not mend.
 * @returns {{ engine: string, problem: string, packages: string[], explicit: boolean }[]}
 */
export function missingEngines(engines = selectedEngines(), env = process.env) {
  const missing = [];
  const optOut = (engine) => `or leave it out: JANUA_ENGINES=${engines.filter((e) => e !== engine).join(',') || 'chromium'}`;
  if (engines.includes('chromium') && !findChrome(env)) {
    const problem = env.CHROME_PATH ? `CHROME_PATH=${env.CHROME_PATH} is not an executable file. ${CHROME_HINT}` : CHROME_HINT;
    missing.push({ engine: 'chromium', problem, packages: DEBIAN_PACKAGES.chromium, explicit: Boolean(env.CHROME_PATH?.trim()) });
  }
  if (engines.includes('firefox') && !findFirefox(env)) {
    const what = env.FIREFOX_PATH ? `FIREFOX_PATH=${env.FIREFOX_PATH} is not an executable file.` : 'No Firefox found.';
    missing.push({
      engine: 'firefox',
      problem: `${what} Install Firefox ESR (${hint('firefox')}), set FIREFOX_PATH to a Firefox binary, ${optOut('firefox')}.`,
      packages: DEBIAN_PACKAGES.firefox,
      explicit: Boolean(env.FIREFOX_PATH?.trim()),
    });
  }
  if (engines.includes('webkit')) {
    const webkit = findWebKit(env);
    const lacking = [];
    if (!webkit.driver) lacking.push(env.WEBKIT_DRIVER_PATH ? `WEBKIT_DRIVER_PATH=${env.WEBKIT_DRIVER_PATH} is not executable` : 'WebKitWebDriver');
    if (!webkit.browser) lacking.push(env.MINIBROWSER_PATH ? `MINIBROWSER_PATH=${env.MINIBROWSER_PATH} is not executable` : 'MiniBrowser (WebKitGTK)');
    if (webkit.needsXvfb && !webkit.xvfb) lacking.push('Xvfb (there is no DISPLAY to show MiniBrowser on)');
    if (lacking.length > 0) {
      missing.push({
        engine: 'webkit',
        problem: `WebKit is not usable: missing ${lacking.join(', ')}. Install it (${hint('webkit')}), ${optOut('webkit')}.`,
        packages: DEBIAN_PACKAGES.webkit,
        explicit: Boolean(env.WEBKIT_DRIVER_PATH?.trim() || env.MINIBROWSER_PATH?.trim()),
      });
    }
  }
  return missing;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  let engines;
  try {
    engines = selectedEngines();
  } catch (error) {
    console.error(error.message);
    process.exit(2);
  }
  const missing = missingEngines(engines);
  if (process.argv.includes('--packages')) {
    console.log([...new Set(missing.filter((m) => !m.explicit).flatMap((m) => m.packages))].join(' '));
    process.exit(0);
  }
  if (engines.includes('chromium') && findChrome()) console.log(`chromium: ${findChrome()}`);
  if (engines.includes('firefox') && findFirefox()) console.log(`firefox: ${findFirefox()}`);
  if (engines.includes('webkit') && !missing.some((m) => m.engine === 'webkit')) {
    const webkit = findWebKit();
    console.log(`webkit: ${webkit.driver} + ${webkit.browser}${webkit.needsXvfb ? ` on ${webkit.xvfb}` : ''}`);
  }
  for (const m of missing) console.error(m.problem);
  process.exit(missing.length > 0 ? 1 : 0);
}
