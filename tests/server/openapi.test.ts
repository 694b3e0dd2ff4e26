import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestApp } from '../../packages/server/src/testing.ts';

type Json = Record<string, any>;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * The rows of docs/api.md (every table row that starts with a method and a path), as the
 * contract writes them: `GET, PATCH, DELETE /organizations/{id}` is three rows, query strings and
 * `(ext)` marks are dropped, `{api}` is the API origin.
 */
const API_DOC = readFileSync(join(import.meta.dirname, '../../docs/api.md'), 'utf8');
const API_MD_ROWS = [...API_DOC.matchAll(/^\|\s*((?:(?:GET|POST|PUT|PATCH|DELETE),?\s*)+)(\/[^\s|?]*)/gm)]
  .flatMap(([, methods, path]) => methods!.split(',').map((m) => `${m.trim()} ${path}`));

const normalize = (path: string) => (path.replace(/:(\w+)/g, '{$1}').replace(/\/+$/, '') || '/');

async function loadDocument() {
  const t = createTestApp({ cors: ['http://localhost:5173'] });
  const res = await t.request('GET', '/api/v1/openapi.json');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type')!, /^application\/json/);
  return { t, doc: res.body as Json };
}

/** Every `METHOD /full/path` the document describes, with the path as a client would call it. */
function documented(doc: Json): Map<string, string> {
  const out = new Map<string, string>();
  for (const [path, item] of Object.entries<Json>(doc.paths)) {
    const base = item.servers ? new URL(item.servers[0].url).pathname.replace(/\/$/, '') : new URL(doc.servers[0].url).pathname;
    for (const method of METHODS) if (item[method]) out.set(`${method.toUpperCase()} ${normalize(base + path)}`, base + path);
  }
  return out;
}

/** A small JSON Schema check: enough to hold real answers to the document's shapes. */
function conforms(doc: Json, schema: Json, value: unknown, where = '$'): string[] {
  if (schema.$ref) return conforms(doc, doc.components.schemas[schema.$ref.split('/').pop()], value, where);
  if (schema.oneOf) {
    const fits = schema.oneOf.filter((s: Json) => conforms(doc, s, value, where).length === 0);
    return fits.length === 1 ? [] : [`${where}: matches ${fits.length} of oneOf`];
  }
  const types: string[] = schema.type === undefined ? [] : [].concat(schema.type);
  const actual = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.includes(actual) && !(actual === 'integer' && types.includes('number'))) return [`${where}: ${actual} is not ${types.join('|')}`];
  if (schema.const !== undefined && value !== schema.const) return [`${where}: not ${schema.const}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${where}: ${String(value)} not in enum`];
  const errors: string[] = [];
  if (actual === 'object') {
    const record = value as Json;
    for (const key of schema.required ?? []) if (!(key in record)) errors.push(`${where}.${key}: missing`);
    for (const [key, sub] of Object.entries<Json>(schema.properties ?? {})) if (key in record) errors.push(...conforms(doc, sub, record[key], `${where}.${key}`));
  }
  if (actual === 'array' && schema.items) (value as unknown[]).forEach((item, i) => errors.push(...conforms(doc, schema.items, item, `${where}[${i}]`)));
  return errors;
}

describe('GET /api/v1/openapi.json', () => {
  it('is an OpenAPI 3.1 document whose references all resolve, with bearer security and the core schemas', async () => {
    const { doc } = await loadDocument();
    assert.equal(doc.openapi, '3.1.0');
    assert.deepEqual(doc.components.securitySchemes.bearer, { ...doc.components.securitySchemes.bearer, type: 'http', scheme: 'bearer' });
    for (const name of ['User', 'Tokens', 'SignInResponse', 'Organization', 'Error', 'Member', 'Invitation', 'Session', 'Passkey']) {
      assert.ok(doc.components.schemas[name], `components.schemas.${name}`);
    }
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    assert.ok(refs.length > 20);
    for (const r of refs) assert.ok(doc.components.schemas[r.slice(8, -1).split('/').pop()!], `${r} resolves`);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      for (const method of METHODS.filter((m) => item[m])) {
        const op = item[method];
        assert.ok(!ids.has(op.operationId), `operationId ${op.operationId} is unique`);
        ids.add(op.operationId);
        assert.ok(Object.keys(op.responses).some((s) => /^[23]/.test(s)), `${method} ${path} has a success answer`);
        for (const [status, res] of Object.entries<Json>(op.responses)) {
          if (/^[45]/.test(status)) assert.equal(res.content['application/json'].schema.$ref, '#/components/schemas/Error');
        }
        for (const name of path.match(/\{(\w+)\}/g) ?? []) {
          assert.ok(op.parameters.some((p: Json) => p.in === 'path' && `{${p.name}}` === name), `${method} ${path} declares ${name}`);
        }
        if (op.security.length) assert.ok(op.responses['401'], `${method} ${path}: a secured call documents 401`);
        if (op.requestBody) assert.ok(op.responses['422'], `${method} ${path}: a body documents 422`);
      }
    }
  });

  it('describes every row of docs/api.md, and docs/api.md every operation it describes', async () => {
    const { doc } = await loadDocument();
    const have = documented(doc);
    const full = (path: string) => normalize(path.startsWith('/.well-known') ? path : `/api/v1${path}`);
    assert.ok(API_MD_ROWS.length > 50, `rows found in docs/api.md: ${API_MD_ROWS.length}`);
    const missing = API_MD_ROWS.filter((row) => {
      const [method, path] = row.split(' ');
      return !have.has(`${method} ${full(path!)}`);
    });
    assert.deepEqual(missing, [], 'in docs/api.md but not in the OpenAPI document');
    const rows = new Set(API_MD_ROWS.map((row) => {
      const [method, path] = row.split(' ');
      return `${method} ${full(path!)}`;
    }));
    assert.deepEqual([...have.keys()].filter((op) => !rows.has(op)), [], 'in the OpenAPI document but not in docs/api.md');
    assert.equal(doc.paths['/auth/signin'].post.responses['200'].content['application/json'].schema.$ref, '#/components/schemas/SignInResponse');
    assert.deepEqual(doc.paths['/auth/me'].get.security, [{ bearer: [] }]);
    assert.deepEqual(doc.paths['/auth/signin'].post.security, []);
    assert.ok(doc.paths['/auth/signin'].post.responses['423'].headers['Retry-After']);
  });

  it('every route the app serves is in the document', async () => {
    const { t, doc } = await loadDocument();
    const have = documented(doc);
    const served = new Set(
      t.app.hono.routes.filter((r) => r.method !== 'ALL' && !r.path.includes('*')).map((r) => `${r.method} ${normalize(r.path)}`),
    );
    assert.ok(served.size > 50);
    assert.deepEqual([...served].filter((route) => !have.has(route)), [], 'served but not documented');
  });

  it('every path and method in the document is served (no "No route" 404)', async () => {
    const { t, doc } = await loadDocument();
    const unserved: string[] = [];
    for (const [key, path] of documented(doc)) {
      const method = key.split(' ')[0]!;
      const concrete = path.replace(/\{\w+\}/g, 'x-unknown');
      const res = await t.request(method, concrete, { headers: { accept: 'application/json' } });
      if (res.status === 404 && /^No route for/.test(res.body?.error?.message ?? '')) unserved.push(key);
      assert.notEqual(res.status, 500, `${key} answered 500`);
    }
    assert.deepEqual(unserved, []);
    const control = await t.request('GET', '/api/v1/no/such/route');
    assert.match(control.body.error.message, /^No route for/, 'control: an unknown path is told apart');
  });

  it('real answers match the documented schemas', async () => {
    const { t, doc } = await loadDocument();
    const schemaOf = (path: string, method: string, status: string) => doc.paths[path][method].responses[status].content['application/json'].schema;
    const up = await t.signUp({ username: 'schema_user', locale: 'en' });
    const { password, ...signUpAnswer } = up;
    assert.deepEqual(conforms(doc, schemaOf('/auth/signup', 'post', '201'), signUpAnswer), []);
    const token = up.tokens!.access_token;
    const checks: [string, string, string, Promise<{ status: number; body: unknown }>][] = [
      ['/auth/me', 'get', '200', t.request('GET', '/api/v1/auth/me', { token })],
      ['/auth/refresh', 'post', '200', t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: up.tokens!.refresh_token } })],
      ['/organizations/', 'post', '201', t.request('POST', '/api/v1/organizations/', { token, body: { name: 'Schema', slug: 'schema-org' } })],
      ['/sessions/', 'get', '200', t.request('GET', '/api/v1/sessions/', { token })],
      ['/mfa/status', 'get', '200', t.request('GET', '/api/v1/mfa/status', { token })],
      ['/users/me/export', 'get', '200', t.request('GET', '/api/v1/users/me/export', { token })],
      ['/auth/signin', 'post', '401', t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: 'wrong-password-1' } })],
      ['/auth/signup', 'post', '422', t.request('POST', '/api/v1/auth/signup', { body: { email: 'nope' } })],
    ];
    for (const [path, method, status, pending] of checks) {
      const res = await pending;
      assert.equal(String(res.status), status, `${method} ${path}`);
      assert.deepEqual(conforms(doc, schemaOf(path, method, status), res.body), [], `${method} ${path} ${status}`);
    }
    const orgs = await t.request('GET', '/api/v1/organizations', { token });
    assert.deepEqual(conforms(doc, schemaOf('/organizations/', 'get', '200'), orgs.body), []);
    assert.equal(orgs.body.organizations[0].role, 'owner');
    assert.ok(conforms(doc, schemaOf('/auth/me', 'get', '200'), { ...orgs.body }).length > 0, 'control: a wrong shape is caught');
  });

  it('leaves the dev endpoints out when the server is not in dev mode', async () => {
    const t = createTestApp({ dev: false });
    const res = await t.request('GET', '/api/v1/openapi.json');
    assert.equal(res.body.paths['/dev/outbox'], undefined);
    assert.ok(res.body.paths['/auth/signin']);
    assert.equal(new URL(res.body.servers[0].url).pathname, '/api/v1');
  });
});
