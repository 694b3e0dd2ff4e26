import { defineConfig } from '@playwright/test';
import { CHROME_FLAGS, findChrome, INSTALL_HINT } from './scripts/find-chrome.mjs';
import { API_PORT, API_URL, APPS, ORIGINS } from './tests/examples/env.mjs';

// The example apps (examples/), built from the packed packages by `node scripts/examples.mjs
// prepare` (npm test's step before this one), each served by its own toolchain's server, against
// the reference server on loopback with an in-memory database. Ports: tests/examples/env.mjs.

const chrome = findChrome();
if (!chrome) throw new Error(INSTALL_HINT);

// JANUA_EXAMPLES=react,vue runs (and serves) only those apps.
const only = process.env['JANUA_EXAMPLES']?.split(',').map((s) => s.trim());
const wanted = (name: string) => !only || only.includes(name);

const app = (name: keyof typeof APPS) => ({
  command: `node scripts/examples.mjs serve ${name}`,
  url: `http://127.0.0.1:${APPS[name].port}/`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: 'ignore' as const,
  stderr: 'pipe' as const,
});

export default defineConfig({
  testDir: 'tests/examples',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/examples',
  // The machine has two cores and serves the API and five apps as well.
  workers: 2,
  fullyParallel: true,
  retries: 0,
  forbidOnly: true,
  // Each test is a whole user journey with axe runs; generous for a 2-core machine under load.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chrome, args: CHROME_FLAGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    { name: 'react', testMatch: 'react.spec.ts', use: { baseURL: APPS.react.url } },
    { name: 'react18', testMatch: 'react.spec.ts', use: { baseURL: APPS.react18.url } },
    { name: 'vue', testMatch: 'vue.spec.ts', use: { baseURL: APPS.vue.url } },
    { name: 'svelte', testMatch: 'svelte.spec.ts', use: { baseURL: APPS.svelte.url } },
    { name: 'astro', testMatch: 'astro.spec.ts', use: { baseURL: APPS.astro.url } },
  ].filter((p) => wanted(p.name)),
  webServer: [
    {
      command:
        `node scripts/ensure-built.mjs server && node packages/server/bin/janua-server.mjs --port ${API_PORT} --host 127.0.0.1` +
        ` --db :memory: --dev --no-rate-limit --rp-id localhost --cors ${ORIGINS.join(',')}`,
      url: `${API_URL}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    ...(Object.keys(APPS) as (keyof typeof APPS)[]).filter(wanted).map(app),
  ],
});
