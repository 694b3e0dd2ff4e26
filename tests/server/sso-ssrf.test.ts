import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { createBrowserApp } from '../../packages/server/src/browser.ts';
import { parseCliArgs } from '../../packages/server/src/cli.ts';
import type { AppOptions } from '../../packages/server/src/context.ts';
import { resolveHost as nodeResolveHost } from '../../packages/server/src/node.ts';
import { nonPublicRange } from '../../packages/server/src/oauth/outbound.ts';
import { ssoService } from '../../packages/server/src/sso/service.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';

/**
 * Enterprise SSO lets any organization owner name an issuer the server then fetches. Outside dev
 * mode the server must not be turned into a proxy into its own network (server-side request
 * forgery), and the answers must not tell an open port from a closed one.
 */

const PUBLIC = '93.184.215.14';

/** A DNS the test controls; names it does not know do not resolve. */
function fakeDns(table: Record<string, string[]>) {
  const asked: string[] = [];
  return {
    asked,
    table,
    resolveHost: async (name: string) => {
      asked.push(name);
      const found = table[name];
      if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
      return found;
    },
  };
}

/** An outgoing fetch that records what the server asked for and answers from `routes` (404 otherwise). */
function recordingFetch(routes: Record<string, unknown> = {}) {
  const calls: { url: string; redirect: RequestRedirect | undefined }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    calls.push({ url, redirect: init?.redirect });
    const body = routes[url];
    return body === undefined ? new Response('{"error":"nope"}', { status: 404 }) : Response.json(body);
  }) as typeof globalThis.fetch;
  return { calls, fetch };
}

async function ownerWithOrg(options: Partial<AppOptions>, slug = 'acme') {
  const logs: string[] = [];
  const t = createTestApp({ rateLimit: false, log: (line) => logs.push(line), ...options });
  const owner = await t.signUp();
  const token = owner.tokens!.access_token;
  const org = await t.request('POST', '/api/v1/organizations/', { token, body: { name: 'Acme', slug } });
  assert.equal(org.status, 201, JSON.stringify(org.body));
  const path = `/api/v1/organizations/${org.body.id}/sso`;
  const put = (issuer: string) => t.request('PUT', path, { token, body: { issuer, client_id: 'janua', client_secret: 's3cret', domains: [`${slug}.example`] } });
  const initiate = () => t.request('POST', '/api/v1/sso/initiate', { body: { organization_slug: slug }, headers: { accept: 'application/json' } });
  return { t, token, orgId: org.body.id as string, put, initiate, logs };
}

function issuerError(res: { status: number; body: any }) {
  assert.equal(res.status, 422, JSON.stringify(res.body));
  assert.equal(res.body.error.code, 'VALIDATION_ERROR');
  const errors = res.body.error.details.validation_errors as { field: string; message: string; type: string }[];
  assert.deepEqual(errors.map((e) => e.field), ['issuer']);
  return errors[0]!;
}

function discoveryDoc(issuer: string, overrides: Record<string, string> = {}) {
  return {
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    ...overrides,
  };
}

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; url: string; hits: string[] }> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    handler!(req, res);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, hits };
}

const close = (server: Server) => new Promise<void>((done) => server.close(() => done()));

describe('SSO issuers outside dev mode', () => {
  it('refuses http, loopback, private, link-local, CGNAT and unspecified issuers with a 422 on issuer, and fetches nothing', async () => {
    const dns = fakeDns({ 'intranet.acme.example': ['10.1.2.3'], 'mixed.acme.example': [PUBLIC, 'fd00::5'], 'meta.acme.example': ['169.254.169.254'] });
    const out = recordingFetch();
    const { put } = await ownerWithOrg({ dev: false, resolveHost: dns.resolveHost, fetch: out.fetch });
    for (const issuer of [
      'http://127.0.0.1:9999/admin/secret-path',
      'https://127.0.0.1',
      'https://0x7f.1',
      'https://2130706433',
      'https://[::1]:8443',
      'https://[::ffff:127.0.0.1]',
      'https://localhost',
      'https://admin.localhost',
      'https://10.0.0.8',
      'https://172.20.1.1',
      'https://192.168.1.1',
      'https://169.254.169.254/latest/meta-data',
      'https://[fe80::1]',
      'https://[fd12:3456::1]',
      'https://100.64.0.1',
      'https://0.0.0.0',
      'https://[::]',
      'https://intranet.acme.example',
      'https://mixed.acme.example',
      'https://meta.acme.example',
      'http://idp.acme.example',
    ]) {
      const error = issuerError(await put(issuer));
      assert.match(error.message, /https URL .* public address/, issuer);
    }
    assert.deepEqual(out.calls, [], 'nothing was fetched while the issuers were checked');
  });

  it('accepts an https issuer on a public address, and one whose name does not resolve yet', async () => {
    const dns = fakeDns({ 'login.acme.example': [PUBLIC, '2606:4700::6810:84e5'] });
    const { put } = await ownerWithOrg({ dev: false, resolveHost: dns.resolveHost });
    const ok = await put('https://login.acme.example/tenant');
    assert.equal(ok.status, 200, JSON.stringify(ok.body));
    assert.equal(ok.body.issuer, 'https://login.acme.example/tenant');
    assert.ok(dns.asked.includes('login.acme.example'), 'the name was resolved when saved');
    assert.equal((await put('https://not-yet.acme.example')).status, 200);
  });

  it('checks again before every request: a name that now points inside the network is not fetched', async () => {
    const dns = fakeDns({ 'login.acme.example': [PUBLIC] });
    const issuer = 'https://login.acme.example';
    const out = recordingFetch({ [`${issuer}/.well-known/openid-configuration`]: discoveryDoc(issuer) });
    const { put, initiate, logs } = await ownerWithOrg({ dev: false, resolveHost: dns.resolveHost, fetch: out.fetch });
    assert.equal((await put(issuer)).status, 200);
    dns.table['login.acme.example'] = ['127.0.0.1'];
    const refused = await initiate();
    assert.equal(refused.status, 503);
    assert.deepEqual(refused.body.error.details, { reason: 'provider_error' });
    assert.equal(out.calls.length, 0, 'nothing was fetched');
    assert.ok(logs.some((l) => /refused .*loopback/.test(l)), 'the log says why');
    // Back on a public address, the same connection works, without following redirects.
    dns.table['login.acme.example'] = [PUBLIC];
    const started = await initiate();
    assert.equal(started.status, 200, JSON.stringify(started.body));
    assert.ok(started.body.authorization_url.startsWith(`${issuer}/authorize?`));
    assert.deepEqual(out.calls.map((c) => c.redirect), ['error']);
  });

  it('refuses a connection saved before these checks (straight into the store) at request time', async () => {
    const out = recordingFetch();
    const { orgId, initiate, t } = await ownerWithOrg({ dev: false, fetch: out.fetch });
    ssoService(t.app.ctx).configure(orgId, { issuer: 'http://169.254.169.254/latest', client_id: 'x', domains: ['acme.example'] });
    const res = await initiate();
    assert.equal(res.status, 503);
    assert.deepEqual(res.body.error.details, { reason: 'provider_error' });
    assert.deepEqual(out.calls, []);
  });

  it('refuses a discovery document whose endpoints leave the issuer\'s origin', async () => {
    const dns = fakeDns({ 'login.acme.example': [PUBLIC] });
    const issuer = 'https://login.acme.example';
    for (const [field, elsewhere] of [
      ['token_endpoint', 'http://169.254.169.254/token'],
      ['jwks_uri', 'https://login.acme.example:8443/jwks'],
      ['userinfo_endpoint', 'http://login.acme.example/userinfo'],
      ['authorization_endpoint', 'https://evil.example/authorize'],
    ] as const) {
      const out = recordingFetch({ [`${issuer}/.well-known/openid-configuration`]: discoveryDoc(issuer, { [field]: elsewhere }) });
      const { put, initiate, logs } = await ownerWithOrg({ dev: false, resolveHost: dns.resolveHost, fetch: out.fetch });
      assert.equal((await put(issuer)).status, 200);
      const res = await initiate();
      assert.equal(res.status, 503, field);
      assert.deepEqual(res.body.error.details, { reason: 'provider_error' });
      assert.deepEqual(out.calls.map((c) => c.url), [`${issuer}/.well-known/openid-configuration`], `only discovery was fetched (${field})`);
      assert.ok(logs.some((l) => l.includes(`${field} ${elsewhere} is not on the issuer's origin`)), field);
    }
  });

  it('allows private issuers when the operator says so (option and CLI flag), and refuses them in dev mode when told to', async () => {
    const allowed = await ownerWithOrg({ dev: false, ssoAllowPrivateIssuers: true });
    assert.equal((await allowed.put('http://10.0.0.8:8080/realms/acme')).status, 200);
    assert.deepEqual(parseCliArgs(['--sso-allow-private-issuers']), { ssoAllowPrivateIssuers: true });
    assert.deepEqual(parseCliArgs([]), {});
    const strictDev = await ownerWithOrg({ dev: true, ssoAllowPrivateIssuers: false });
    issuerError(await strictDev.put('http://127.0.0.1:8080'));
  });
});

describe('SSO answers do not map the network', () => {
  it('answers an open port and a closed one alike (dev mode, where loopback issuers are allowed)', async () => {
    const open = await listen((_req, res) => {
      res.writeHead(404);
      res.end('nope');
    });
    const gone = await listen(() => undefined);
    await close(gone.server);
    try {
      const { put, initiate, logs } = await ownerWithOrg({ dev: true });
      assert.equal((await put(`${open.url}/admin/secret-path`)).status, 200);
      const fromOpen = await initiate();
      assert.equal((await put(gone.url)).status, 200);
      const fromClosed = await initiate();
      assert.equal(fromOpen.status, 503);
      assert.equal(fromClosed.status, 503);
      assert.deepEqual(fromOpen.body.error.details, { reason: 'provider_error' });
      assert.deepEqual(fromClosed.body.error.details, fromOpen.body.error.details);
      assert.equal(fromClosed.body.error.message, fromOpen.body.error.message);
      assert.ok(logs.some((l) => l.includes('HTTP 404')) && logs.some((l) => /discovery: fetch failed|ECONNREFUSED/.test(l)), 'the log keeps the difference');
    } finally {
      await close(open.server);
    }
  });

  it('does not follow a redirect from the issuer to another address', async () => {
    const inner = await listen((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    const outer = await listen((_req, res) => {
      res.writeHead(302, { location: `${inner.url}/.well-known/openid-configuration` });
      res.end();
    });
    try {
      const { put, initiate } = await ownerWithOrg({ dev: true });
      assert.equal((await put(outer.url)).status, 200);
      const res = await initiate();
      assert.equal(res.status, 503);
      assert.deepEqual(res.body.error.details, { reason: 'provider_error' });
      assert.equal(outer.hits.length, 1);
      assert.deepEqual(inner.hits, []);
    } finally {
      await close(inner.server);
      await close(outer.server);
    }
  });
});

describe('the address checks', () => {
  it('classify IPv4, IPv6 and IPv4-in-IPv6 addresses', () => {
    const cases: [string, boolean][] = [
      ['127.0.0.1', true], ['10.255.0.1', true], ['172.16.0.1', true], ['172.31.255.255', true], ['172.32.0.1', false],
      ['192.168.0.1', true], ['169.254.169.254', true], ['100.64.0.1', true], ['100.127.255.255', true], ['100.128.0.1', false],
      ['0.0.0.0', true], ['224.0.0.1', true], ['8.8.8.8', false], [PUBLIC, false],
      ['::', true], ['::1', true], ['[::1]', true], ['::ffff:127.0.0.1', true], ['::ffff:a9fe:a9fe', true], ['::ffff:8.8.8.8', false],
      ['64:ff9b::10.0.0.1', true], ['fc00::1', true], ['fdff::1', true], ['fe80::1%eth0', true], ['ff02::1', true],
      ['2001:4860:4860::8888', false], ['2606:4700::6810:84e5', false], ['example.com', false],
    ];
    for (const [address, blocked] of cases) assert.equal(nonPublicRange(address) !== null, blocked, address);
  });

  it('resolve names on Node to every address (node:dns)', async () => {
    const addresses = await nodeResolveHost('localhost');
    assert.ok(addresses.length > 0 && addresses.every((a) => nonPublicRange(a) === 'loopback'), addresses.join());
  });

  it('keep the in-browser server working with made-up issuers, and apply the literal checks there outside dev mode', async () => {
    const dev = createBrowserApp({ issuer: 'http://janua.test', pbkdf2Iterations: 1000 });
    const strict = createBrowserApp({ issuer: 'http://janua.test', pbkdf2Iterations: 1000, dev: false });
    for (const [app, loopback] of [[dev, 200], [strict, 422]] as const) {
      await app.ready;
      const call = async (method: string, path: string, body: unknown, token?: string) => {
        const res = await app.fetch(new Request(`http://janua.test/api/v1${path}`, {
          method, body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        }));
        return { status: res.status, body: await res.json() };
      };
      const up = await call('POST', '/auth/signup', { email: `owner-${loopback}@corp.example`, password: 'Correct-horse-battery-9' });
      const token = up.body.tokens.access_token;
      const org = await call('POST', '/organizations/', { name: 'Corp', slug: 'corp' }, token);
      const put = (issuer: string) => call('PUT', `/organizations/${org.body.id}/sso`, { issuer, client_id: 'janua', domains: ['corp.example'] }, token);
      assert.equal((await put('https://id.corp.example')).status, 200);
      assert.equal((await put('http://127.0.0.1:9000')).status, loopback);
    }
  });
});
