/**
 * What Node's HTTP layer refuses before the app sees a request (headers too large, a request that
 * does not arrive in time, bytes that are not HTTP) is answered in the API's error shape, and a
 * body that stops half-way is the client's error, not a logged server fault.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { readJson } from '../../packages/server/src/http/body.ts';
import { ApiError } from '../../packages/server/src/http/errors.ts';
import { startServer, type RunningServer } from '../../packages/server/src/node.ts';

let server: RunningServer;
const logged: string[] = [];

before(async () => {
  server = await startServer({ port: 0, db: ':memory:', requestTimeout: 400, log: (line: string) => logged.push(line) });
});
after(() => server.close());

/** Sends raw bytes and reads the whole answer until the server closes the connection. */
function raw(bytes: string): Promise<{ status: number; headers: string; body: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((done, fail) => {
    const socket = connect(Number(port), hostname, () => socket.write(bytes));
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => (text += d));
    socket.on('error', fail);
    socket.on('close', () => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      done({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), headers: head, body });
    });
  });
}

function errorShape(body: string, code: string): void {
  const parsed = JSON.parse(body) as { error: Record<string, unknown> };
  assert.deepEqual(Object.keys(parsed.error).sort(), ['code', 'details', 'message', 'request_id', 'timestamp']);
  assert.equal(parsed.error['code'], code);
  assert.match(String(parsed.error['request_id']), /^req_/);
}

describe('the transport answers in the error shape', () => {
  it('a body that stalls is 408 REQUEST_TIMEOUT at the deadline, with no server error logged', async () => {
    const res = await raw('POST /api/v1/auth/signin HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"email":');
    assert.equal(res.status, 408, res.headers);
    assert.match(res.headers, /content-type: application\/json/i);
    errorShape(res.body, 'REQUEST_TIMEOUT');
    assert.deepEqual(logged.filter((l) => l.startsWith('[error]')), []);
  });

  it('headers too large are 431 HEADERS_TOO_LARGE', async () => {
    const res = await raw(`GET /api/v1/auth/me HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(60_000)}\r\n\r\n`);
    assert.equal(res.status, 431);
    errorShape(res.body, 'HEADERS_TOO_LARGE');
  });

  it('bytes that are not HTTP are 400 BAD_REQUEST', async () => {
    const res = await raw('NOT HTTP AT ALL\r\n\r\n');
    assert.equal(res.status, 400);
    errorShape(res.body, 'BAD_REQUEST');
  });

  it('a request from which no URL can be made is 400 BAD_REQUEST, not a bare status', async () => {
    const requests = {
      'no Host': 'GET /api/v1/auth/me HTTP/1.1\r\nConnection: close\r\n\r\n',
      'a Host with a port that is not a number': 'GET /api/v1/auth/me HTTP/1.1\r\nHost: 127.0.0.1:abc\r\nConnection: close\r\n\r\n',
      'a Host with user info': 'GET /api/v1/auth/me HTTP/1.1\r\nHost: evil@127.0.0.1\r\nConnection: close\r\n\r\n',
      'a backslash in the path': 'GET /api/v1\\auth/me HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      'OPTIONS *': 'OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
    };
    for (const [what, bytes] of Object.entries(requests)) {
      const res = await raw(bytes);
      assert.equal(res.status, 400, `${what}: ${res.headers}`);
      assert.match(res.headers, /content-type: application\/json/i, what);
      assert.match(res.headers, /x-content-type-options: nosniff/i, what);
      errorShape(res.body, 'BAD_REQUEST');
    }
    assert.deepEqual(logged.filter((l) => l.startsWith('[error]')), []);
  });

  it('an HTTP/1.0 request has no Host to require: it is answered by the app (a load balancer\'s health check)', async () => {
    const res = await raw('GET /.well-known/jwks.json HTTP/1.0\r\n\r\n');
    assert.equal(res.status, 200, res.headers);
    assert.ok(Array.isArray(JSON.parse(res.body).keys));
  });

  it('a request in time is answered by the app as before', async () => {
    const res = await fetch(`${server.url}/api/v1/auth/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"email":' });
    assert.equal(res.status, 400);
    errorShape(await res.text(), 'INVALID_JSON');
  });
});

describe('a body that breaks off', () => {
  const breaking = (headers: Record<string, string>) => new Request('http://x/', {
    method: 'POST',
    headers,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"email":'));
        controller.error(new Error('aborted'));
      },
    }),
    duplex: 'half',
  } as RequestInit);

  for (const [what, headers] of [['streamed', {}], ['with a declared length', { 'content-length': '100' }]] as const) {
    it(`is 400 INVALID_JSON, the client's error (${what})`, async () => {
      await assert.rejects(readJson(breaking({ 'content-type': 'application/json', ...headers }), 64 * 1024),
        (error: unknown) => error instanceof ApiError && error.status === 400 && error.code === 'INVALID_JSON');
    });
  }
});
