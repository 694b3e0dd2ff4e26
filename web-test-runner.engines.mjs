// The browsers web-test-runner.config.mjs runs the element tests in: Chromium, Firefox ESR and
// WebKitGTK, all system packages (scripts/find-browsers.mjs finds them; nothing is downloaded).
// JANUA_ENGINES=chromium,firefox,webkit picks some (default: all three); a picked engine that is
// not installed stops the run with an install hint instead of being skipped.
//
// - Chromium: Playwright over CDP, as the end-to-end tests use it (CHROME_PATH).
// - Firefox: puppeteer-core over WebDriver BiDi, no geckodriver (FIREFOX_PATH).
// - WebKit: WebKitGTK's MiniBrowser through WebKitWebDriver, which this file starts on a free
//   127.0.0.1 port (under Xvfb when there is no display) and stops when the run ends
//   (WEBKIT_DRIVER_PATH, MINIBROWSER_PATH). It is a WebKit-engine check, not Safari.
//
// Every test file runs in all three. What a browser or its driver cannot do is checked where it
// can, each place saying why: media emulation (print, reduced motion, forced colours) needs CDP,
// so Chromium only (tests/unit/media.test.ts, the print half of the backup-codes print test); a
// passkey ceremony needs WebAuthn, which WebKitGTK is built without (three sign-in-methods tests
// and one passkey-manager test run in Chromium and Firefox; HAS_WEBAUTHN in tests/unit/helpers.ts).
import { playwrightLauncher } from '@web/test-runner-playwright';
import { chromeLauncher } from '@web/test-runner-chrome';
import { WebdriverLauncher } from '@web/test-runner-webdriver';
import * as puppeteer from 'puppeteer-core';
import { CHROME_FLAGS, findChrome } from './scripts/find-chrome.mjs';
import { findFirefox, findWebKit, missingEngines, selectedEngines } from './scripts/find-browsers.mjs';
import { startWebKitDriver } from './scripts/webkit-driver.mjs';

/**
 * One MiniBrowser window per WebKitWebDriver, so WebKit runs one test file at a time in it (the
 * launcher's session mode, not its iframe mode: a test page in an iframe has no focus of its own).
 */
class WebKitLauncher extends WebdriverLauncher {
  constructor(webkit) {
    super({
      hostname: '127.0.0.1',
      port: 0, // set once the driver is up
      path: '/',
      logLevel: 'error',
      capabilities: {
        browserName: 'MiniBrowser',
        'wdio:enforceWebDriverClassic': true,
        'webkitgtk:browserOptions': { binary: webkit.browser, args: ['--automation'] },
      },
    });
    this.webkit = webkit;
    this.concurrency = 1;
  }

  async initialize(config, testFiles) {
    await super.initialize({ ...config, concurrency: 1 }, testFiles);
    this.name = 'WebKit';
    this.driverProcess = await startWebKitDriver(this.webkit);
    this.options.port = this.driverProcess.port;
  }

  async stop() {
    try {
      await super.stop();
    } finally {
      await this.driverProcess?.stop();
    }
  }
}

/**
 * Opening a test page loads the whole module graph from the dev server; on a loaded 2-core
 * machine that can take longer than the drivers' 30 s navigation default.
 */
export const NAVIGATION_TIMEOUT_MS = 120_000;

/**
 * Firefox runs one test page at a time too. Its concurrent test pages are windows, and only one
 * window has focus: a test that presses keys in a window without focus, or one that another test
 * page brought to the front meanwhile (focus-window), waited for focus that never came (the menu
 * keyboard tests of the org switcher and the user button, under load).
 */
function oneAtATime(launcher) {
  launcher.concurrency = 1;
  return launcher;
}

const launchers = {
  chromium: () =>
    playwrightLauncher({
      product: 'chromium',
      launchOptions: { executablePath: findChrome(), headless: true, args: CHROME_FLAGS },
      createPage: async ({ context }) => {
        const page = await context.newPage();
        page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
        return page;
      },
    }),
  firefox: () => oneAtATime(
    chromeLauncher({
      puppeteer,
      launchOptions: { browser: 'firefox', executablePath: findFirefox(), headless: true },
      // A window per test page, not a tab: a background tab gets no animation frames and
      // throttled timers, and its page never has focus.
      createPage: async ({ context }) => {
        const page = await context.newPage({ type: 'window' });
        page.setDefaultNavigationTimeout(NAVIGATION_TIMEOUT_MS);
        return page;
      },
    })),
  webkit: () => new WebKitLauncher(findWebKit()),
};

/**
 * `focus-window` (executeServerCommand): brings the calling test page's window to the front, as a
 * user's window is. Firefox runs concurrent test pages in separate windows, and in a window without
 * focus nothing matches :focus or :focus-visible. WebKit runs one page at a time in its one window.
 */
export const focusWindowPlugin = {
  name: 'janua-focus-window',
  async executeCommand({ command, session }) {
    if (command !== 'focus-window') return undefined;
    if (session.browser.type === 'puppeteer' || session.browser.type === 'playwright') {
      await session.browser.getPage(session.id).bringToFront();
    }
    return true;
  },
};

/** The launchers for the engines JANUA_ENGINES picks; throws with install hints when one is missing. */
export function engineLaunchers(env = process.env) {
  const engines = selectedEngines(env);
  const missing = missingEngines(engines, env);
  if (missing.length > 0) {
    throw new Error(`Element tests cannot run in every engine asked for:\n- ${missing.map((m) => m.problem).join('\n- ')}`);
  }
  // The engines that open one page at a time first: with two browsers at a time (the config's
  // concurrentBrowsers) they run side by side, and Chromium's two pages follow.
  const order = ['firefox', 'webkit', 'chromium'];
  return [...engines].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map((engine) => launchers[engine]());
}
