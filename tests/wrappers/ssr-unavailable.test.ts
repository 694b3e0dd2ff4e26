/**
 * The server-side session check when the Janua server cannot answer, against the real reference
 * server with its answers cut, delayed or failed on the way (a `fetch` of our own, or a stalled
 * socket): "cannot verify now" is `status: 'unknown'`, not signed out. Protected pages answer 503
 * with `Retry-After` (never the page, never a redirect to sign-in, whose element would send a
 * signed-in visitor back, over and over), each failure is logged once without the token, and
 * `GET /auth/me` is bounded in time and shared by a page's simultaneous requests.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, mock, test } from 'node:test';
import { startServer } from '@janua/server/node';
import { createVerifier } from '../../wrappers/ssr/src/server.ts';
import { serverSnapshot } from '../../wrappers/ssr/src/index.ts';
import { createMiddleware } from '../../wrappers/astro/src/middleware.ts';
import janua, { protect } from '../../wrappers/astro/src/index.ts';
import { januaHandle, requireUser } from '../../wrappers/svelte/src/server.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let api: string;
let user: { id: string; token: string };

before(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', dev: true, rateLimit: false });
  api = server.url;
  const res = await fetch(`${api}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: `outage-${Date.now().toString(36)}@example.test`, password: `Correct-Horse-${Math.random().toString(36).slice(2)}-42`, first_name: 'Ada', last_name: 'Tester' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const body = (await res.json()) as { user: { id: string }; tokens: { access_token: string } };
  user = { id: body.user.id, token: body.tokens.access_token };
});

after(async () => {
  await server?.close();
});

const urlOf = (input: Parameters<typeof fetch>[0]): string => String(input instanceof Request ? input.url : input);

/** The real fetch, but `GET /auth/me` answered by `me` (and the key set by `keys`, when given). */
function cut({ me, keys }: { me?: () => Promise<Response>; keys?: () => Promise<Response> }): typeof fetch {
  return (input, init) => {
    const url = urlOf(input);
    if (me && url.endsWith('/api/v1/auth/me')) return me();
    if (keys && url.endsWith('/.well-known/jwks.json')) return keys();
    return fetch(input, init);
  };
}

const status = (code: number) => () => Promise.resolve(new Response('{"error":{"code":"SERVICE_UNAVAILABLE"}}', { status: code }));
const unreachable = () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } }));

/** console.warn's calls during `run`, as text. */
async function warnings(run: () => Promise<unknown>): Promise<string[]> {
  const warn = mock.method(console, 'warn', () => undefined);
  try {
    await run();
    return warn.mock.calls.map((c) => c.arguments.map(String).join(' '));
  } finally {
    warn.mock.restore();
  }
}

describe('@janua/ssr verifier: cannot verify now is not signed out', () => {
  test('/auth/me answering 5xx or unreachable, and a key set that cannot be fetched, give unknown', async () => {
    const cases: Record<string, typeof fetch> = {
      '/auth/me 503': cut({ me: status(503) }),
      '/auth/me 502': cut({ me: status(502) }),
      '/auth/me unreachable': cut({ me: unreachable }),
      'key set 500': cut({ keys: status(500) }),
      'key set unreachable': cut({ keys: unreachable }),
    };
    for (const [what, fetcher] of Object.entries(cases)) {
      const locals = await createVerifier({ api, fetch: fetcher }).verify(user.token);
      assert.equal(locals.status, 'unknown', what);
      // Nobody to let in: guards that read userId keep the visitor out.
      assert.equal(locals.userId, null, what);
      assert.equal(locals.user, null, what);
    }
  });

  test('the server refusing the token (401) and a forged token are still signed out', async () => {
    const refused = await createVerifier({ api, fetch: cut({ me: status(401) }) }).verify(user.token);
    assert.equal(refused.status, 'signed-out');
    assert.equal(refused.userId, null);
    const forged = await createVerifier({ api }).verify(`${user.token.slice(0, -6)}AAAAAA`);
    assert.equal(forged.status, 'signed-out');
    assert.equal((await createVerifier({ api }).verify(user.token)).status, 'signed-in');
  });

  test('each failure is logged once per reason, with the reason and without the token', async () => {
    let me = status(503);
    const verifier = createVerifier({ api, fetch: cut({ me: () => me() }) });
    const lines = await warnings(async () => {
      for (let i = 0; i < 3; i++) await verifier.verify(user.token);
      me = unreachable;
      for (let i = 0; i < 3; i++) await verifier.verify(user.token);
    });
    assert.equal(lines.length, 2, lines.join('\n'));
    assert.match(lines[0]!, /auth\/me answered 503/);
    assert.match(lines[1]!, /auth\/me failed: fetch failed \(ECONNREFUSED\)/);
    for (const line of lines) assert.ok(!line.includes(user.token) && !line.includes(user.token.split('.')[2]!), 'no token in the log');
  });

  test('GET /auth/me gives up after `timeout` (default 5 s: every call carries a deadline)', { timeout: 10_000 }, async () => {
    // Accepted, never answered: a wedged or overloaded auth server.
    const stalled: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    const stalledApi = `http://127.0.0.1:${(stalled.address() as { port: number }).port}`;
    try {
      const verifier = createVerifier({ api: stalledApi, issuer: api, jwksUrl: `${api}/.well-known/jwks.json`, timeout: 300 });
      const started = Date.now();
      const locals = await verifier.verify(user.token);
      assert.equal(locals.status, 'unknown');
      assert.ok(Date.now() - started < 3_000, `gave up after ${Date.now() - started} ms`);

      const signals: (AbortSignal | null | undefined)[] = [];
      const watching: typeof fetch = (input, init) => {
        if (urlOf(input).endsWith('/auth/me')) signals.push(init?.signal);
        return fetch(input, init);
      };
      assert.equal((await createVerifier({ api, fetch: watching }).verify(user.token)).status, 'signed-in');
      assert.equal(signals.length, 1);
      assert.ok(signals[0] instanceof AbortSignal, 'the call without a `timeout` option has a deadline too');

      // A `fetch` of the app's own that ignores the signal is held to the deadline all the same,
      // for the user and for the keys; and the next check of that token is not stuck behind it.
      const never = () => new Promise<Response>(() => undefined);
      for (const deaf of [cut({ me: never }), cut({ keys: never })]) {
        const stuck = createVerifier({ api, fetch: deaf, timeout: 300 });
        await warnings(async () => {
          for (let round = 0; round < 2; round++) {
            const began = Date.now();
            assert.equal((await stuck.verify(user.token)).status, 'unknown');
            assert.ok(Date.now() - began < 3_000, `round ${round} gave up after ${Date.now() - began} ms`);
          }
        });
      }
    } finally {
      stalled.closeAllConnections();
      stalled.close();
    }
  });

  test("a page's simultaneous checks of one token cost one GET /auth/me, and a failure is not kept", async () => {
    let calls = 0;
    let me: () => Promise<Response> = () => fetch(`${api}/api/v1/auth/me`, { headers: { authorization: `Bearer ${user.token}` } });
    const verifier = createVerifier({ api, fetch: cut({ me: () => (calls++, me()) }) });
    const burst = await Promise.all(Array.from({ length: 5 }, () => verifier.verify(user.token)));
    assert.deepEqual(burst.map((l) => l.userId), Array(5).fill(user.id));
    assert.equal(calls, 1);

    // Failing, slowly enough for the burst to meet it under way: one call, all unknown, and the next request asks again.
    const other = createVerifier({ api, fetch: cut({ me: () => (calls++, me()) }) });
    calls = 0;
    me = () => new Promise((resolve) => setTimeout(resolve, 100)).then(status(503));
    const failed = await warnings(() => Promise.all(Array.from({ length: 5 }, () => other.verify(user.token))));
    assert.equal(failed.length, 1);
    assert.equal(calls, 1);
    me = () => fetch(`${api}/api/v1/auth/me`, { headers: { authorization: `Bearer ${user.token}` } });
    assert.equal((await other.verify(user.token)).status, 'signed-in');
    assert.equal(calls, 2);
  });

  test('a token of another issuer is signed out, and the first is logged with a hint about the `issuer` option', async () => {
    // The app's server reaching the API under another name than the tokens carry (Docker, K8s).
    const verifier = createVerifier({ api, issuer: 'http://janua.internal:8787' });
    const results: { status?: string }[] = [];
    const lines = await warnings(async () => {
      for (let i = 0; i < 3; i++) results.push(await verifier.verify(user.token));
    });
    assert.equal(lines.length, 1);
    assert.match(lines[0]!, /`issuer` option/);
    assert.ok(lines[0]!.includes(JSON.stringify(api)), 'says what the tokens carry');
    assert.ok(!lines[0]!.includes(user.token.split('.')[2]!), 'no token in the log');
    assert.deepEqual(results.map((l) => l.status), ['signed-out', 'signed-out', 'signed-out']);
  });

  test('what the page starts from: unknown is loading (the client decides), not signed out', () => {
    assert.equal(serverSnapshot({ status: 'unknown', user: null }).status, 'loading');
  });
});

/** What a visitor would notice of a guarded page answering: 503, a plain message, Retry-After, no redirect. */
async function assertUnavailable(res: Response, where: string): Promise<void> {
  assert.equal(res.status, 503, where);
  assert.equal(res.headers.get('location'), null, where);
  assert.ok(Number(res.headers.get('retry-after')) > 0, `${where}: Retry-After`);
  assert.match(res.headers.get('content-type') ?? '', /^text\/plain/, where);
  assert.equal(res.headers.get('cache-control'), 'no-store', where);
  assert.match(await res.text(), /cannot be checked/, where);
}

describe('guards while the session cannot be checked', () => {
  const down = cut({ me: status(503) });
  const request = (path: string) => ({
    request: new Request(`http://app.test${path}`, { headers: { cookie: `janua_access=${user.token}` } }),
    url: new URL(`http://app.test${path}`),
    locals: {} as { janua?: { status?: string; userId: string | null } },
  });

  test('Astro: a protected path answers 503 without rendering; other pages render without the visitor', async () => {
    const middleware = createMiddleware({ api, protect: ['/dashboard'], fetch: down });
    let rendered = 0;
    const page = async () => (rendered++, new Response('page'));
    await warnings(async () => {
      await assertUnavailable((await middleware({ ...request('/dashboard'), isPrerendered: false } as never, page)) as Response, 'Astro /dashboard');
      assert.equal(rendered, 0, 'the protected page did not render');
      const home = { ...request('/'), isPrerendered: false };
      assert.equal(await ((await middleware(home as never, page)) as Response).text(), 'page');
      assert.equal(home.locals.janua?.status, 'unknown');
      assert.equal(home.locals.janua?.userId, null);
    });
  });

  test('Astro: a page whose own guard sends the visitor to sign-in answers 503 instead (protect(Astro))', async () => {
    const middleware = createMiddleware({ api, fetch: down });
    const account = { ...request('/account'), isPrerendered: false, redirect: (to: string, code = 302) => new Response(null, { status: code, headers: { location: to } }) };
    await warnings(async () => {
      const res = (await middleware(account as never, async () => protect(account) ?? new Response('account'))) as Response;
      await assertUnavailable(res, 'Astro /account with protect(Astro)');
      // Other redirects are the page's own business.
      const moved = (await middleware({ ...request('/old'), isPrerendered: false } as never, async () => new Response(null, { status: 301, headers: { location: '/new' } }))) as Response;
      assert.equal(moved.status, 301);
    });
  });

  test('Astro: protect(Astro) itself answers 503 while unknown, and leaves the sign-in page alone', async () => {
    const redirect = (to: string, code = 302) => new Response(null, { status: code, headers: { location: to } });
    const unknown = { status: 'unknown', userId: null, user: null } as const;
    await assertUnavailable(protect({ locals: { janua: unknown }, url: new URL('http://app.test/account'), redirect })!, 'protect(Astro) while unknown');
    assert.equal(protect({ locals: { janua: unknown }, url: new URL('http://app.test/sign-in'), redirect }), undefined, 'the sign-in page');
    const out = protect({ locals: { janua: { ...unknown, status: 'signed-out' } }, url: new URL('http://app.test/account'), redirect })!;
    assert.equal(out.status, 303);
    assert.equal(out.headers.get('location'), '/sign-in?redirect_to=%2Faccount');
  });

  test('Astro: the integration hands timeout and loadUser to the middleware it writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'janua-astro-'));
    try {
      let entry: string | URL = '';
      const hooks = janua({ api: 'https://auth.example.test', timeout: 1500, loadUser: false }).hooks;
      await (hooks['astro:config:setup'] as (o: unknown) => unknown)({
        createCodegenDir: () => pathToFileURL(`${dir}/`),
        addMiddleware: ({ entrypoint }: { entrypoint: string | URL }) => void (entry = entrypoint),
        injectScript: () => undefined,
        updateConfig: () => undefined,
      });
      const written = readFileSync(entry, 'utf8');
      const settings = JSON.parse(/createMiddleware\((.*)\);/.exec(written)![1]!) as Record<string, unknown>;
      assert.equal(settings['timeout'], 1500);
      assert.equal(settings['loadUser'], false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('SvelteKit: a protected path answers 503 without rendering; requireUser in a load answers 503 too', async () => {
    const handle = januaHandle({ api, protect: ['/dashboard'], fetch: down });
    let rendered = 0;
    await warnings(async () => {
      await assertUnavailable(await handle({ event: request('/dashboard'), resolve: async () => (rendered++, new Response('page')) }), 'SvelteKit /dashboard');
      assert.equal(rendered, 0, 'the protected page did not render');

      const home = request('/');
      assert.equal(await (await handle({ event: home, resolve: async () => new Response('home') })).text(), 'home');
      assert.equal(home.locals.janua?.status, 'unknown');

      // A route guarded in its load: SvelteKit renders its error page for the throw; the handle makes it a 503.
      const account = request('/account');
      const res = await handle({
        event: account,
        resolve: async (event) => {
          try {
            const to = requireUser(event.locals as never, event.url);
            return to ? new Response(null, { status: 303, headers: { location: to } }) : new Response('account');
          } catch {
            return new Response('Internal Error', { status: 500 });
          }
        },
      });
      await assertUnavailable(res, 'SvelteKit /account with requireUser');
      // A load's own redirect to sign-in, for a document request.
      const own = await handle({ event: request('/settings'), resolve: async () => new Response(null, { status: 303, headers: { location: '/sign-in?redirect_to=%2Fsettings' } }) });
      await assertUnavailable(own, 'SvelteKit /settings redirecting to sign-in');
      // The same load reached by a client-side navigation: SvelteKit answers its redirect as data.
      const data = { ...request('/settings'), isDataRequest: true };
      const asData = await handle({ event: data, resolve: async () => Response.json({ type: 'redirect', location: '/sign-in?redirect_to=%2Fsettings' }) });
      await assertUnavailable(asData, 'SvelteKit /settings/__data.json redirecting to sign-in');
      const other = await handle({ event: { ...request('/old'), isDataRequest: true }, resolve: async () => Response.json({ type: 'redirect', location: '/new' }) });
      assert.equal(other.status, 200, 'another redirect is the page\'s own business');
    });
  });
});
