import { defineConfig } from '@playwright/test';
import { CHROME_FLAGS, findChrome, INSTALL_HINT } from '../../scripts/find-chrome.mjs';
import { API_PORT, API_URL, PAGE_PORT, PAGE_URL } from './env.ts';

// The browser half of the security suite: the built kit on plain pages (tests/security/pages),
// against the real reference server (in-memory database), in Debian's Chromium.

const chrome = findChrome();
if (!chrome) throw new Error(INSTALL_HINT);

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../../test-results/security',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: PAGE_URL,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chrome, args: CHROME_FLAGS },
    trace: 'retain-on-failure',
  },
  webServer: [
    {
      command:
        `node scripts/ensure-built.mjs server && node packages/server/bin/janua-server.mjs` +
        ` --port ${API_PORT} --host 127.0.0.1 --db :memory: --dev --cors ${PAGE_URL}`,
      cwd: '../..',
      url: `${API_URL}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node scripts/ensure-built.mjs kit manifest && node scripts/static-server.mjs --root tests/security/pages --port ${PAGE_PORT} --api-port ${API_PORT}`,
      cwd: '../..',
      url: `${PAGE_URL}/xss.html`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
