import { request as httpRequest } from 'node:http';
import { expect, test } from '@playwright/test';
import { PAGE_PORT } from './env.ts';

// The page server that `npm start` and these tests use (scripts/static-server.mjs), probed with
// raw HTTP so that paths reach it exactly as written (fetch and browsers would normalize `..`).

interface RawResponse {
  status: number;
  type: string;
  body: string;
}

function raw(path: string, init: { method?: string; host?: string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: PAGE_PORT, path, method: init.method ?? 'GET', headers: init.host ? { host: init.host } : {} },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

test('serves pages, the kit and themes with the right MIME types', async () => {
  const page = await raw('/');
  expect(page.status).toBe(200);
  expect(page.type).toBe('text/html; charset=utf-8');
  expect(page.body).toContain('<script type="module" src="/janua.js"></script>');

  const kit = await raw('/janua.js');
  expect(kit.status).toBe(200);
  expect(kit.type).toBe('text/javascript; charset=utf-8');
  expect(kit.body).toContain('janua-sign-in');

  const theme = await raw('/themes/dark.css');
  expect(theme.status).toBe(200);
  expect(theme.type).toBe('text/css; charset=utf-8');
  expect(theme.body).toContain('--janua-color-background');

  expect((await raw('/favicon.svg')).type).toBe('image/svg+xml');
  const head = await raw('/index.html', { method: 'HEAD' });
  expect([head.status, head.body]).toEqual([200, '']);
});

test('refuses to leave its folders, whatever the spelling', async () => {
  for (const path of [
    '/../package.json',
    '/../../etc/passwd',
    '/%2e%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/themes/../package.json',
    '/themes/%2e%2e/%2e%2e/package.json',
    '/themes/package.json',
    '/..%2f..%2f..%2fetc%2fpasswd',
  ]) {
    const response = await raw(path);
    expect(response.status, path).toBe(404);
    expect(response.body, path).not.toContain('"name"');
  }
  for (const path of ['/..%5c..%5cpackage.json', '/index.html%00.js', '/%E0%A4%A']) {
    const response = await raw(path);
    expect(response.status, path).toBe(400);
    expect(response.body, path).toMatch(/^Bad request/);
  }
});

test('answers other methods with 405 and unknown paths with a plain 404', async () => {
  const post = await raw('/index.html', { method: 'POST' });
  expect(post.status).toBe(405);
  const missing = await raw('/no-such-page.html');
  expect([missing.status, missing.type, missing.body]).toEqual([404, 'text/plain; charset=utf-8', 'Not found\n']);
});

test('/config.js points pages at the API on their own loopback host name, never at a foreign one', async () => {
  const forHost = async (host: string) => /export const api = "([^"]+)"/.exec((await raw('/config.js', { host })).body)?.[1];
  expect(await forHost(`127.0.0.1:${PAGE_PORT}`)).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(await forHost(`localhost:${PAGE_PORT}`)).toMatch(/^http:\/\/localhost:\d+$/);
  expect(await forHost('evil.example')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(await forHost('"quote')).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});
