/**
 * wrappers/svelte/README.md's block for a Janua server this server reaches under another name
 * than the browser does (Docker, Kubernetes): run as written, with SvelteKit's `$env` modules
 * played by plain objects, against a reference server whose tokens carry its public URL.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { startServer } from '@janua/server/node';
import { januaHandle } from '../../wrappers/svelte/src/server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PUBLIC = 'https://auth.example.com';
let server: Awaited<ReturnType<typeof startServer>>;
/** The name this server reaches the Janua server by (its `url` is the public one, the issuer). */
let inside: string;
let token: string;

/** A port free a moment ago. */
const freePort = () => new Promise<number>((resolve, reject) => {
  const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as AddressInfo;
    probe.close(() => resolve(port));
  });
});

before(async () => {
  const port = await freePort();
  server = await startServer({ port, host: '127.0.0.1', db: ':memory:', dev: true, rateLimit: false, issuer: PUBLIC });
  inside = `http://127.0.0.1:${port}`;
  const res = await fetch(`${inside}/api/v1/auth/signup`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `issuer-${Date.now()}@example.test`, password: `Correct-Horse-${Math.random().toString(36).slice(2)}-42`, first_name: 'Ines' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  token = ((await res.json()) as { tokens: { access_token: string } }).tokens.access_token;
});

after(async () => {
  await server?.close();
});

/** The README's block that passes `issuer`, as a function of SvelteKit's two `$env` modules. */
function readmeHandle(): (env: Record<string, string>, publicEnv: Record<string, string>) => ReturnType<typeof januaHandle> {
  const readme = readFileSync(join(root, 'wrappers/svelte/README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!).find((code) => code.includes('publicEnv'));
  assert.ok(block, 'the README shows the issuer set-up');
  const imports = block.split('\n').filter((line) => line.startsWith('import '));
  assert.deepEqual(imports, [
    "import { env } from '$env/dynamic/private';",
    "import { env as publicEnv } from '$env/dynamic/public';",
  ]);
  const body = block.split('\n').filter((line) => !line.startsWith('import ')).join('\n').replace('export const handle =', 'return');
  return new Function('januaHandle', 'env', 'publicEnv', body).bind(null, januaHandle) as never;
}

const event = (path: string) => ({
  request: new Request(`http://app.test${path}`, { headers: { cookie: `janua_access=${token}` } }),
  url: new URL(`http://app.test${path}`),
  locals: {} as { janua?: { user: { firstName: string | null } | null } },
});

test("the README's issuer block: tokens carrying the public URL pass when the server is reached by its inside name", async () => {
  const handle = readmeHandle()({ JANUA_API: inside }, { PUBLIC_JANUA_API: PUBLIC });
  const ok = event('/dashboard');
  const page = await handle({ event: ok as never, resolve: async () => new Response('page') });
  assert.equal(await page.text(), 'page');
  assert.equal(ok.locals.janua?.user?.firstName, 'Ines');

  // Without it, as the README warns, the same visitor counts as signed out.
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    const plain = januaHandle({ api: inside, protect: ['/dashboard'] });
    const refused = await plain({ event: event('/dashboard') as never, resolve: async () => new Response('page') });
    assert.equal(refused.status, 303);
  } finally {
    console.warn = warn;
  }
});
