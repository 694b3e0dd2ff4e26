import { execFileSync, execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROME_FLAGS, INSTALL_HINT, findChrome } from './scripts/find-chrome.mjs';

/*
 * axe over every story of the static Storybook, the manifest checks, and the checks of the built
 * kit. The stories run against the in-browser reference server, so no API server is needed: only
 * a static file server for storybook-static/ (and dist/ under /kit/).
 */

const root = fileURLToPath(new URL('.', import.meta.url));
const isWorker = process.env['TEST_WORKER_INDEX'] !== undefined;

function freePort(): number {
  const script = "const s=require('node:net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}

// Chosen once in the runner and inherited by the workers, which load this file again.
process.env['JANUA_STORIES_PORT'] ??= String(freePort());
const port = Number(process.env['JANUA_STORIES_PORT']);

// The build checks read dist/; rebuilt only when a source is newer than it.
if (!isWorker) execFileSync(process.execPath, ['scripts/ensure-built.mjs', 'kit'], { cwd: root, stdio: 'inherit' });
if (!isWorker && !existsSync(`${root}storybook-static/index.json`)) {
  console.log('storybook-static/ is missing: running npm run build-storybook first');
  execSync('npm run build-storybook', { cwd: root, stdio: 'inherit', env: { ...process.env, STORYBOOK_DISABLE_TELEMETRY: '1' } });
}

const chrome = findChrome();
if (!chrome) throw new Error(INSTALL_HINT);

export default defineConfig({
  testDir: 'tests/stories',
  testMatch: '**/*.spec.ts',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  // Generous: two shared cores, and a story's play function signs in with a real KDF.
  timeout: 60_000,
  reporter: [['list']],
  forbidOnly: Boolean(process.env['CI']),
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    headless: true,
    launchOptions: { executablePath: chrome, args: CHROME_FLAGS },
    trace: 'off',
  },
  webServer: {
    command: `node tests/stories/serve.mjs --port ${port}`,
    url: `http://127.0.0.1:${port}/index.json`,
    reuseExistingServer: false,
    // Generous: two shared cores, and a story's play function signs in with a real KDF.
  timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
