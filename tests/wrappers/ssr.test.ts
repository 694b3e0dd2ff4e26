/**
 * The server-side session check of the SSR wrappers against the real reference server over
 * HTTP: @janua/ssr's verifier, the Astro middleware and the SvelteKit handle. Genuine tokens
 * pass; forged ones (another key, a bad signature, another issuer or audience, `alg: none`,
 * HMAC keyed with the public key, expired, not an access token, a revoked session) are refused.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { decodeJwt, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { startServer } from '@janua/server/node';
import { createVerifier, readCookie, signInRedirect, SIGNED_OUT } from '../../wrappers/ssr/src/server.ts';
import { serverSnapshot } from '../../wrappers/ssr/src/index.ts';
import { createMiddleware } from '../../wrappers/astro/src/middleware.ts';
import { protect } from '../../wrappers/astro/src/index.ts';
import { januaHandle, requireUser } from '../../wrappers/svelte/src/server.ts';

let server: Awaited<ReturnType<typeof startServer>>;
let api: string;
let user: { id: string; token: string; email: string };

async function signUp(firstName: string): Promise<{ id: string; token: string; email: string; refresh: string }> {
  const email = `ssr-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.test`;
  const res = await fetch(`${api}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: `Correct-Horse-${Math.random().toString(36).slice(2)}-42`, first_name: firstName, last_name: 'Tester' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const body = (await res.json()) as { user: { id: string }; tokens: { access_token: string; refresh_token: string } };
  return { id: body.user.id, token: body.tokens.access_token, email, refresh: body.tokens.refresh_token };
}

/** Signs `claims` with the server's own key (what only the server could do), or with `key`. */
async function sign(claims: Record<string, unknown>, { key, alg = 'ES256', header = {} }: { key?: CryptoKey | Uint8Array; alg?: string; header?: Record<string, unknown> } = {}): Promise<string> {
  const active = await server.app.ctx.keys.active();
  const base = decodeJwt(user.token);
  return new SignJWT({ ...base, ...claims })
    .setProtectedHeader({ alg, kid: active.kid, typ: 'at+jwt', ...header })
    .sign(key ?? active.key);
}

before(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', db: ':memory:', dev: true, rateLimit: false });
  api = server.url;
  user = await signUp('Grace');
});

after(async () => {
  await server?.close();
});

describe('@janua/ssr verifier', () => {
  test('a genuine access token gives the user, the session and the organization claims', async () => {
    const verifier = createVerifier({ api });
    const locals = await verifier.verify(user.token);
    assert.equal(locals.userId, user.id);
    assert.equal(locals.user?.firstName, 'Grace');
    assert.equal(locals.user?.email, user.email);
    assert.equal(locals.session?.id, decodeJwt(user.token)['sid']);
    assert.equal(locals.orgId, null);
    assert.deepEqual(await verifier.fromCookies(`theme=dark; janua_access=${user.token}; x=1`), locals);
    // Plain data a server can hand to the page.
    assert.deepEqual(JSON.parse(JSON.stringify(locals)), { ...locals, user: { ...locals.user }, session: { ...locals.session } });
  });

  test('the key set is fetched once and cached across requests', async () => {
    const urls: string[] = [];
    const counting: typeof fetch = (input, init) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    };
    const verifier = createVerifier({ api, fetch: counting, loadUser: false });
    for (let i = 0; i < 5; i++) assert.equal((await verifier.verify(user.token)).userId, user.id);
    assert.deepEqual(urls.filter((u) => u.endsWith('/.well-known/jwks.json')), [`${api}/.well-known/jwks.json`]);
  });

  test('forged tokens are refused: another key, a broken signature, another issuer or audience', async () => {
    const verifier = createVerifier({ api });
    const { privateKey } = await generateKeyPair('ES256');
    const forged = {
      'another key, same kid': await sign({}, { key: privateKey }),
      'a broken signature': `${user.token.slice(0, -6)}AAAAAA`,
      'another issuer': await sign({ iss: 'https://evil.example' }),
      'another audience': await sign({ aud: 'https://other-app.example' }),
      'another typ': await sign({}, { header: { typ: 'JWT' } }),
    };
    for (const [what, token] of Object.entries(forged)) assert.deepEqual(await verifier.verify(token), SIGNED_OUT, what);
    // The server's own key with the right claims passes, so the refusals above are the checks'.
    assert.equal((await verifier.verify(await sign({}))).userId, user.id);
  });

  test('alg none and HMAC keyed with the public key are refused', async () => {
    const verifier = createVerifier({ api });
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const claims = decodeJwt(user.token);
    const none = `${enc({ alg: 'none', typ: 'at+jwt', kid: decodeProtectedHeader(user.token).kid })}.${enc(claims)}.`;
    assert.deepEqual(await verifier.verify(none), SIGNED_OUT, 'alg none');
    const jwks = (await (await fetch(`${api}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    const publicBytes = new TextEncoder().encode(JSON.stringify(jwks.keys[0]));
    assert.deepEqual(await verifier.verify(await sign({}, { key: publicBytes, alg: 'HS256' })), SIGNED_OUT, 'HS256 with the public key');
    assert.throws(() => createVerifier({ api, algorithms: ['HS256'] }), /not accepted/);
    assert.throws(() => createVerifier({ api, algorithms: ['none'] }), /not accepted/);
  });

  test('expired tokens and tokens that are not access tokens are refused', async () => {
    const verifier = createVerifier({ api });
    const now = Math.floor(Date.now() / 1000);
    assert.deepEqual(await verifier.verify(await sign({ iat: now - 3600, exp: now - 600 })), SIGNED_OUT, 'expired');
    assert.deepEqual(await verifier.verify(await sign({ type: 'refresh' })), SIGNED_OUT, 'type refresh');
    assert.deepEqual(await verifier.verify(await sign({ type: undefined })), SIGNED_OUT, 'no type');
    assert.deepEqual(await verifier.verify('not-a-jwt'), SIGNED_OUT);
    assert.deepEqual(await verifier.verify(''), SIGNED_OUT);
    assert.deepEqual(await verifier.verify(undefined), SIGNED_OUT);
  });

  test('the header\'s typ is not pinned: a contract server may write JWT or none; the type claim decides', async () => {
    // loadUser: false, so the verdict is the verifier's own (the reference server's /auth/me wants its at+jwt).
    const verifier = createVerifier({ api, loadUser: false });
    for (const typ of ['JWT', undefined]) {
      const locals = await verifier.verify(await sign({}, { header: { typ } }));
      assert.equal(locals.userId, user.id, `typ ${typ}`);
    }
    assert.deepEqual(await verifier.verify(await sign({ type: 'refresh' }, { header: { typ: 'JWT' } })), SIGNED_OUT, 'typ JWT, type refresh');
  });

  test('a session revoked since the token was issued is refused (the user is read with the token)', async () => {
    const other = await signUp('Revoked');
    const verifier = createVerifier({ api });
    assert.equal((await verifier.verify(other.token)).user?.firstName, 'Revoked');
    const out = await fetch(`${api}/api/v1/auth/signout`, { method: 'POST', headers: { authorization: `Bearer ${other.token}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(out.status, 200);
    assert.deepEqual(await createVerifier({ api }).verify(other.token), SIGNED_OUT);
  });

  test('helpers: cookies, the sign-in redirect, the server snapshot', () => {
    assert.equal(readCookie('a=1; janua_access=x.y.z; b=2', 'janua_access'), 'x.y.z');
    assert.equal(readCookie('a=1', 'janua_access'), null);
    assert.equal(readCookie(undefined, 'janua_access'), null);
    assert.equal(signInRedirect('/sign-in', new URL('http://app.test/dashboard?tab=2')), '/sign-in?redirect_to=%2Fdashboard%3Ftab%3D2');
    assert.equal(signInRedirect('https://auth.example/login', new URL('http://app.test/x')), 'https://auth.example/login?redirect_to=%2Fx');
    assert.equal(serverSnapshot(null).status, 'loading');
    assert.equal(serverSnapshot({ user: null }).status, 'signed-out');
    assert.equal(serverSnapshot({ user: { id: 'u1' } as never }).status, 'signed-in');
  });

  test('redirect_to is a path on this site: a request path starting with slashes names no other host', () => {
    // A backslash is a slash to the URL parser (and to browsers).
    for (const path of ['//evil.example/x', '///evil.example/x', '/\\evil.example/x']) {
      const requested = new URL(`https://app.example${path}?a=1`);
      const to = signInRedirect('/sign-in', requested);
      assert.equal(to, '/sign-in?redirect_to=%2Fevil.example%2Fx%3Fa%3D1', path);
      const redirectTo = new URL(to, requested).searchParams.get('redirect_to')!;
      assert.equal(new URL(redirectTo, requested).origin, requested.origin, `${path}: resolves on this site`);
      assert.equal(requireUser({}, requested), to);
    }
  });

  test('with loadUser: false a verified token is signed in without a user: let in, and the page starts signed in', async () => {
    const verifier = createVerifier({ api, loadUser: false });
    const locals = await verifier.verify(user.token);
    assert.equal(serverSnapshot(locals).status, 'signed-in');
    assert.equal(locals.status, 'signed-in');
    assert.equal(locals.user, null);
    assert.equal(locals.userId, user.id);
    // A JanuaLocals built without `status` (an app's own) is read from userId.
    assert.equal(serverSnapshot({ user: null, userId: user.id }).status, 'signed-in');
    assert.deepEqual(await verifier.verify('not-a-jwt'), SIGNED_OUT);

    const handle = januaHandle({ api, protect: ['/dashboard'], loadUser: false });
    const event = { request: new Request('http://app.test/dashboard', { headers: { cookie: `janua_access=${user.token}` } }), url: new URL('http://app.test/dashboard'), locals: {} as { janua?: typeof locals } };
    assert.equal(await (await handle({ event, resolve: async () => new Response('dashboard') })).text(), 'dashboard');
    assert.equal(serverSnapshot(event.locals.janua).status, 'signed-in');
  });
});

describe('Astro middleware and page guard', () => {
  const context = (path: string, cookie?: string) => ({
    request: new Request(`http://app.test${path}`, cookie ? { headers: { cookie } } : {}),
    url: new URL(`http://app.test${path}`),
    locals: {} as { janua?: { userId: string | null; user: { firstName: string | null } | null } },
    isPrerendered: false,
    redirect: (to: string, status = 302) => new Response(null, { status, headers: { location: to } }),
  });

  test('sets Astro.locals.janua from a genuine cookie and lets protected pages through', async () => {
    const middleware = createMiddleware({ api, protect: ['/dashboard'] });
    const ctx = context('/dashboard/settings', `janua_access=${user.token}`);
    let nextCalled = false;
    const res = await middleware(ctx as never, async () => {
      nextCalled = true;
      return new Response('page');
    });
    assert.equal(nextCalled, true);
    assert.equal(await (res as Response).text(), 'page');
    assert.equal(ctx.locals.janua?.user?.firstName, 'Grace');
    assert.equal(protect(ctx), undefined);
  });

  test('protect(Astro) sends a signed-out visitor to the sign-in page the integration was given', async () => {
    const middleware = createMiddleware({ api, signInUrl: '/login' });
    const page = context('/account');
    await middleware(page as never, async () => new Response('page'));
    assert.equal(protect(page)?.headers.get('location'), '/login?redirect_to=%2Faccount');
    assert.equal(protect(page, { signInUrl: '/other' })?.headers.get('location'), '/other?redirect_to=%2Faccount');
  });

  test('refuses forged cookies: the visitor is signed out and a protected path redirects to sign-in', async () => {
    const middleware = createMiddleware({ api, protect: ['/dashboard'] });
    const { privateKey } = await generateKeyPair('ES256');
    const enc = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const forged = [
      await sign({}, { key: privateKey }),
      await sign({ iss: 'https://evil.example' }),
      `${enc({ alg: 'none', typ: 'at+jwt' })}.${enc(decodeJwt(user.token))}.`,
    ];
    for (const token of forged) {
      const ctx = context('/dashboard', `janua_access=${token}`);
      const res = (await middleware(ctx as never, async () => new Response('page'))) as Response;
      assert.equal(res.status, 303);
      assert.equal(res.headers.get('location'), '/sign-in?redirect_to=%2Fdashboard');
      assert.equal(ctx.locals.janua?.userId, null);
      // An unprotected page renders, signed out.
      const home = context('/', `janua_access=${token}`);
      assert.equal(await ((await middleware(home as never, async () => new Response('home'))) as Response).text(), 'home');
      assert.equal(home.locals.janua?.user, null);
      const guard = protect(home);
      assert.equal(guard?.status, 303);
      assert.equal(guard?.headers.get('location'), '/sign-in?redirect_to=%2F');
    }
  });
});

describe('SvelteKit handle', () => {
  const event = (path: string, cookie?: string) => ({
    request: new Request(`http://app.test${path}`, cookie ? { headers: { cookie } } : {}),
    url: new URL(`http://app.test${path}`),
    locals: {} as { janua?: { userId: string | null; user: { firstName: string | null } | null } },
  });

  test('verifies the cookie into event.locals.janua; forged ones are signed out and protected paths redirect', async () => {
    const handle = januaHandle({ api, protect: ['/dashboard'] });
    const ok = event('/dashboard', `janua_access=${user.token}`);
    const page = await handle({ event: ok, resolve: async () => new Response('page') });
    assert.equal(await page.text(), 'page');
    assert.equal(ok.locals.janua?.user?.firstName, 'Grace');
    assert.equal(requireUser(ok.locals as never, ok.url), null);

    const bad = event('/dashboard', `janua_access=${await sign({ aud: 'https://other-app.example' })}`);
    const redirected = await handle({ event: bad, resolve: async () => new Response('page') });
    assert.equal(redirected.status, 303);
    assert.equal(redirected.headers.get('location'), '/sign-in?redirect_to=%2Fdashboard');
    assert.equal(requireUser(bad.locals as never, bad.url), '/sign-in?redirect_to=%2Fdashboard');
  });

  test('judges the path the router matches: percent-encoded and doubled-slash forms of a protected path redirect too', async () => {
    const handle = januaHandle({ api, protect: ['/dashboard'] });
    const astro = createMiddleware({ api, protect: ['/dashboard'] });
    // '/%E0%A4%A' does not decode: counted as protected.
    for (const path of ['/%64ashboard', '/%64ashboard/settings', '//dashboard', '//dashboard//x', '/%E0%A4%A']) {
      const res = await handle({ event: event(path), resolve: async () => new Response('page') });
      assert.equal(res.status, 303, `SvelteKit ${path}`);
      const ctx = { ...event(path), isPrerendered: false };
      const page = (await astro(ctx as never, async () => new Response('page'))) as Response;
      assert.equal(page.status, 303, `Astro ${path}`);
    }
    for (const path of ['/', '/dashboards', '/about/dashboard', '/%2564ashboard']) {
      const res = await handle({ event: event(path), resolve: async () => new Response('page') });
      assert.equal(res.status, 200, `SvelteKit ${path} is not under /dashboard`);
    }
  });

  test('a prefix written with a trailing slash protects the bare path too (both routers serve it as the same page)', async () => {
    const handle = januaHandle({ api, protect: ['/dashboard/'] });
    const astro = createMiddleware({ api, protect: ['/dashboard/'] });
    for (const path of ['/dashboard', '/dashboard/', '/dashboard/settings', '/%64ashboard']) {
      const res = await handle({ event: event(path), resolve: async () => new Response('page') });
      assert.equal(res.status, 303, `SvelteKit ${path}`);
      const page = (await astro({ ...event(path), isPrerendered: false } as never, async () => new Response('page'))) as Response;
      assert.equal(page.status, 303, `Astro ${path}`);
    }
    assert.equal((await handle({ event: event('/dashboards'), resolve: async () => new Response('page') })).status, 200);
    // '/' protects every path.
    const all = januaHandle({ api, protect: ['/'] });
    assert.equal((await all({ event: event('/anything'), resolve: async () => new Response('page') })).status, 303);
  });

  test('the sign-in page is never protected, or protect: [\'/\'] would send it to itself, redirect_to growing', async () => {
    const guards = {
      SvelteKit: januaHandle({ api, protect: ['/'] }),
      'SvelteKit, a test': januaHandle({ api, protect: () => true }),
      Astro: createMiddleware({ api, protect: ['/'] }),
    };
    for (const [name, guard] of Object.entries(guards)) {
      const run = async (path: string) => {
        const ctx = { ...event(path), isPrerendered: false };
        return name.startsWith('Astro')
          ? ((await (guard as ReturnType<typeof createMiddleware>)(ctx as never, async () => new Response('page'))) as Response)
          : (guard as ReturnType<typeof januaHandle>)({ event: ctx, resolve: async () => new Response('page') });
      };
      for (const path of ['/sign-in', '/sign-in/', '/sign-in?redirect_to=%2Fdashboard', '//sign-in']) {
        const res = await run(path);
        assert.equal(res.status, 200, `${name} ${path}`);
        assert.equal(await res.text(), 'page');
      }
      for (const path of ['/', '/sign-in-help', '/sign-in/x', '/dashboard']) assert.equal((await run(path)).status, 303, `${name} ${path}`);
    }
    // Another sign-in page is exempt instead, the default one is not.
    const login = januaHandle({ api, protect: ['/'], signInUrl: '/login' });
    assert.equal((await login({ event: event('/login'), resolve: async () => new Response('page') })).status, 200);
    const other = await login({ event: event('/sign-in'), resolve: async () => new Response('page') });
    assert.equal(other.headers.get('location'), '/login?redirect_to=%2Fsign-in');
    // A root layout's requireUser lets the sign-in page render.
    assert.equal(requireUser({}, new URL('http://app.test/sign-in?redirect_to=%2Fx')), null);
    assert.equal(requireUser({}, new URL('http://app.test/account')), '/sign-in?redirect_to=%2Faccount');
  });
});

