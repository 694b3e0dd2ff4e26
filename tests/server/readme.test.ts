/**
 * The server README's code, run as written: the "Use it from code" block starts a server that
 * answers and signs in its seeded login; the providers file is the shape `--oauth-config` reads.
 * Only the package names change (bound to the sources) and the file's `…` placeholders are filled.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as server from '../../packages/server/src/index.ts';
import * as node from '../../packages/server/src/node.ts';
import { resolveProviders } from '../../packages/server/src/oauth/config.ts';

const readme = readFileSync(new URL('../../packages/server/README.md', import.meta.url), 'utf8');
const blocks = (lang: string) => [...readme.matchAll(new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```$', 'gm'))].map((m) => m[1]!);

test('"Use it from code": the block starts a server that serves the API and signs in the seeded login', async () => {
  const block = blocks('ts').find((b) => b.includes('startServer('));
  assert.ok(block, 'the block is in the README');
  const imports = [...block.matchAll(/^import \{ ([^}]+) \} from '(@janua\/server(?:\/node)?)';.*$/gm)];
  assert.equal(imports.length, 2, 'both import lines');
  const modules: Record<string, Record<string, unknown>> = { '@janua/server': server, '@janua/server/node': node };
  const names = imports.flatMap((m) => m[1]!.split(',').map((n) => n.trim()));
  for (const m of imports) {
    for (const name of m[1]!.split(',').map((n) => n.trim())) assert.equal(typeof modules[m[2]!]![name], 'function', `${m[2]} exports ${name}`);
  }
  const body = block.replace(/^import .*$/gm, '') + '\nreturn server;';
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<node.RunningServer>;
  const run = new AsyncFunction(...names, body);
  const values = imports.flatMap((m) => m[1]!.split(',').map((n) => modules[m[2]!]![n.trim()]));
  const running = await run(...values);
  try {
    assert.match(running.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    assert.ok(running.app.ctx, 'server.app.ctx');
    const login = /`(demo@janua\.dev)` \/ `([^`]+)`/.exec(readme);
    assert.ok(login, 'the README names the seeded login');
    const res = await fetch(`${running.url}/api/v1/auth/signin`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: login[1], password: login[2] }),
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.equal(((await res.json()) as { user: { email: string } }).user.email, login[1]);
  } finally {
    await running.close();
  }
  await assert.rejects(fetch(`${running.url}/api/v1/auth/me`), 'closed');
});

test('the providers file in the README is one --oauth-config accepts, placeholders filled', () => {
  const block = blocks('json').find((b) => b.includes('"providers"'));
  assert.ok(block, 'the block is in the README');
  let n = 0;
  // Each `…` stands for the operator's own value: a URL where a URL goes, else a secret or id.
  const filled = block.replace(/"(\w+)": "…"/g, (_, key: string) =>
    `"${key}": "${/_endpoint$/.test(key) ? `https://idp.example.com/${key}` : `value-${++n}`}"`);
  const providers = resolveProviders(JSON.parse(filled) as Parameters<typeof resolveProviders>[0]);
  assert.deepEqual(providers.map((p) => p.id), ['google', 'github', 'microsoft', 'okta', 'legacy']);
  assert.equal(providers.find((p) => p.id === 'okta')!.name, 'Okta');
  assert.throws(() => resolveProviders(JSON.parse(block) as Parameters<typeof resolveProviders>[0]), /must be an absolute http\(s\) URL/,
    'the placeholders are what the operator fills in: as written, the legacy endpoints are not URLs yet');
});
