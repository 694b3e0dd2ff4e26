import { getRequestListener, RequestError } from '@hono/node-server';
import type { ApiErrorBody } from '../../core/src/api-types.ts';
import { lookup } from 'node:dns/promises';
import { mkdirSync } from 'node:fs';
import { createServer, STATUS_CODES, type Server } from 'node:http';
import { dirname, resolve } from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createApp, type JanuaApp } from './app.ts';
import { createNodeHasher } from './auth/node-hashers.ts';
import type { PasswordHasher } from './auth/password.ts';
import type { AppOptions } from './context.ts';
import { seedDemo } from './seed.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { randomToken } from './util.ts';

export {
  createArgon2Hasher,
  createNodeHasher,
  createScryptHasher,
  meetsOwaspArgon2,
  type Argon2Params,
  type ScryptParams,
} from './auth/node-hashers.ts';
export { createStrengthPolicy } from './auth/strength.ts';

export interface StartServerOptions extends Partial<Omit<AppOptions, 'store' | 'hasher' | 'issuer'>> {
  port?: number;
  host?: string;
  /** A file path, or ':memory:'. Default ./janua.db */
  db?: string;
  seed?: boolean;
  /** Public URL; default http://<host>:<port>. */
  issuer?: string;
  hasher?: PasswordHasher;
  /** Retire the current signing key and sign with a new one from this start on. */
  rotateKeys?: boolean;
  /**
   * Milliseconds a request has to arrive whole, headers and body (default 15 000): a stalled one
   * is answered 408 `REQUEST_TIMEOUT` and its connection closed, instead of holding a socket and
   * a handler for Node's default five minutes.
   */
  requestTimeout?: number;
}

/** What Node's HTTP parser refuses before the app sees a request, in the API's error shape. */
const CLIENT_ERRORS: Record<string, [status: number, code: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [431, 'HEADERS_TOO_LARGE', 'The request headers are too large'],
  ERR_HTTP_REQUEST_TIMEOUT: [408, 'REQUEST_TIMEOUT', 'The request did not arrive in time'],
};

/** The API's error shape, built here for what is answered before (or outside) the app. */
function errorJson(code: string, message: string): string {
  const shape: ApiErrorBody = { error: { code, message, details: {}, request_id: `req_${randomToken(12)}`, timestamp: new Date().toISOString() } };
  return JSON.stringify(shape);
}

/**
 * Answers a request Node's parser gave up on (headers too large, a request that did not arrive
 * in time, bytes that are not HTTP) with the API's JSON error instead of Node's bare status line.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  const message = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || message?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, code, text] = CLIENT_ERRORS[error.code ?? ''] ?? [400, 'BAD_REQUEST', 'The request is not valid HTTP'];
  // These codes are the transport's, answered before CORS applies (a browser sees a network
  // error), so they are not among the codes the kit localizes.
  const body = errorJson(code, text);
  // Ended and then destroyed: the server keeps a half-closed socket open for as long as the client
  // does, which would let a slow client hold it past the deadline.
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n`
    + `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n`
    + `Connection: close\r\n\r\n${body}`);
  (socket as Socket).destroySoon();
}

/**
 * A request that parsed as HTTP but from which no URL can be made (no Host, a Host that is not a
 * host name, a backslash in the path, a path that does not start with /): the adapter would
 * answer a bare 400 of its own; it gets the same error shape as everything else.
 */
function answerRequestError(error: unknown): Response {
  const bad = error instanceof RequestError;
  return new Response(errorJson(bad ? 'BAD_REQUEST' : 'INTERNAL_ERROR', bad ? `The request is not valid: ${error.message}` : 'Something went wrong on our side'), {
    status: bad ? 400 : 500,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' },
  });
}

export interface RunningServer {
  url: string;
  app: JanuaApp;
  /** Demo accounts created by this start (empty when they already existed). */
  seeded: string[];
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(?:\.\d{1,3}){3}$/.test(h);
}

/** Every address a name resolves to, the way the fetch that follows will resolve it (getaddrinfo). */
export async function resolveHost(hostname: string): Promise<string[]> {
  const found = await lookup(hostname.replace(/^\[|\]$/g, ''), { all: true, verbatim: true });
  return found.map((a) => a.address);
}

/** Between listening and having a ready app (its URL depends on the port; then the key, the seed). */
function starting(): Response {
  const body = {
    error: { code: 'SERVICE_UNAVAILABLE', message: 'The server is starting', details: {}, request_id: 'starting', timestamp: new Date().toISOString() },
  };
  return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' } });
}

/** Starts the API on a TCP port with the SQLite store, Argon2id and the zxcvbn password policy. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { port = 8787, host = '127.0.0.1', db = './janua.db', seed = false, hasher, issuer, rotateKeys = false, requestTimeout = 15_000,
    ...appOptions } = options;
  if (appOptions.dev && !isLoopback(host)) {
    throw new Error(`Refusing to start in dev mode on ${host}: dev endpoints expose the outbox; use a loopback host such as 127.0.0.1`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${port}`);
  if (db !== ':memory:') mkdirSync(dirname(resolve(db)), { recursive: true });
  // Checkpoint fsyncs on a worker thread: inline, they stall every request queued behind them.
  const store = createSqliteStore(db, { checkpoint: 'background' });
  let app: JanuaApp | undefined;
  // Node's own check of the Host header is off: the adapter's, below, answers in the API's shape.
  // Node checks the deadline every connectionsCheckingInterval (30 s by default).
  const ownHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const listener = getRequestListener((request, env) => (app ? app.fetch(request, env) : starting()), { errorHandler: answerRequestError });
  const server: Server = createServer(
    { requestTimeout, headersTimeout: requestTimeout, connectionsCheckingInterval: Math.min(1000, requestTimeout), requireHostHeader: false },
    (req, res) => {
      // HTTP/1.0 has no Host to require (a load balancer's plain health check): the server's own.
      if (!req.headers.host && req.httpVersionMinor === 0) req.headers.host = ownHost;
      return listener(req, res);
    },
  );
  server.on('clientError', answerClientError);
  try {
    const address = await new Promise<AddressInfo>((done, fail) => {
      server.once('error', fail);
      server.listen(port, host, () => done(server.address() as AddressInfo));
    });
    const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    const url = (issuer ?? `http://${urlHost}:${address.port}`).replace(/\/+$/, '');
    // In dev mode the outbox hands out every account's sign-in links, so a page whose DNS name
    // was rebound to loopback must not reach it: only requests for the server's own names pass.
    const allowedHosts = appOptions.dev || appOptions.allowedHosts
      ? ['localhost', '127.0.0.1', '::1', host, ...(appOptions.allowedHosts ?? [])]
      : undefined;
    const created = createApp({
      resolveHost,
      ...appOptions,
      ...(allowedHosts ? { allowedHosts } : {}),
      store,
      hasher: hasher ?? createNodeHasher(),
      issuer: url,
      clientIp: (_request, env) =>
        (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress,
    });
    await created.ready;
    if (rotateKeys) await created.ctx.keys.rotate();
    const seeded = seed ? (await seedDemo(created.ctx)).created : [];
    // Answered 503 "starting" until here: a client that gets a 200 finds the key made, the demo
    // accounts seeded (a few Argon2id hashes) and the banner about to be printed.
    app = created;
    // The password dictionaries (about a second of CPU) load now, in the background: the start
    // does not wait for them, and the first sign-up most likely no longer does either.
    void (created.ctx.passwordPolicy.ready?.() ?? Promise.resolve()).catch((error) => created.ctx.log(`[warn] password policy: ${(error as Error)?.message ?? error}`));
    const close = () =>
      new Promise<void>((done) => {
        server.close(() => {
          store.close();
          // Done once the checkpoint worker has let go of the files too, so a caller may delete them.
          void store.closed().then(done);
        });
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    return { url, app, seeded, close };
  } catch (error) {
    server.close();
    store.close();
    throw error;
  }
}
