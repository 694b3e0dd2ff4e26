import { defineConfig } from '@playwright/test';
import { CHROME_FLAGS, findChrome, INSTALL_HINT } from './scripts/find-chrome.mjs';
import { API_PORT, API_URL, DEMO_PORT, DEMO_URL, PAGE_PORT, PAGE_URL } from './tests/e2e/env.ts';

// End-to-end: plain HTML pages in tests/e2e/pages and the demo site, served with the built kit,
// against the real reference server on loopback with an in-memory database (fresh every run).

const chrome = findChrome();
if (!chrome) throw new Error(INSTALL_HINT);

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  // Two workers at most: the machine has two cores and runs the server as well.
  workers: 2,
  // Test by test, not file by file: the sign-in methods' file holds a minute of tests, and a
  // spec's own servers (beforeAll, free ports) are started per worker.
  fullyParallel: true,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: PAGE_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chrome, args: CHROME_FLAGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  webServer: [
    {
      command:
        `node scripts/ensure-built.mjs server && node packages/server/bin/janua-server.mjs` +
        ` --port ${API_PORT} --host 127.0.0.1 --db :memory: --dev --seed --cors ${PAGE_URL},${DEMO_URL},http://localhost:${PAGE_PORT}`,
      url: `${API_URL}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node scripts/ensure-built.mjs kit && node scripts/static-server.mjs --root tests/e2e/pages --port ${PAGE_PORT} --api-port ${API_PORT} --proxy-api`,
      url: `${PAGE_URL}/index.html`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node scripts/static-server.mjs --root demo --port ${DEMO_PORT} --api-port ${API_PORT}`,
      url: `${DEMO_URL}/index.html`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
