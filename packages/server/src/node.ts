import { serve, type ServerType } from '@hono/node-server';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { scrypt as scryptCallback, timingSafeEqual, randomBytes, type ScryptOptions } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createApp, type JanuaApp } from './app.ts';
import type { PasswordHasher } from './auth/password.ts';
import type { AppOptions } from './context.ts';
import { seedDemo } from './seed.ts';
import { createSqliteStore } from './sqlite-store.ts';

export interface ScryptParams {
  /** log2 of the cost N. Default 15: N = 32768, with r = 8 that is 128·N·r = 32 MiB per hash. */
  log2N?: number;
  r?: number;
  p?: number;
}

function scrypt(password: string, salt: Buffer, length: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((done, fail) => scryptCallback(password, salt, length, options, (err, key) => (err ? fail(err) : done(key))));
}

/**
 * scrypt from node:crypto (memory-hard, runs on libuv's thread pool so it does not block the
 * event loop). Encoded as `scrypt$ln=15,r=8,p=1$<salt>$<hash>`; parameters read back from a
 * hash are bounded so a crafted row cannot make verify allocate gigabytes.
 */
export function createScryptHasher({ log2N = 15, r = 8, p = 1 }: ScryptParams = {}): PasswordHasher {
  const run = (password: string, salt: Buffer, ln: number, rr: number, pp: number, length: number) =>
    scrypt(password.normalize('NFC'), salt, length, { N: 2 ** ln, r: rr, p: pp, maxmem: 256 * 2 ** ln * rr * pp });
  return {
    async hash(password) {
      const salt = randomBytes(16);
      const key = await run(password, salt, log2N, r, p, 32);
      return `scrypt$ln=${log2N},r=${r},p=${p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
    },
    async verify(password, encoded) {
      const [alg, params, salt, hash] = encoded.split('$');
      const m = /^ln=(\d+),r=(\d+),p=(\d+)$/.exec(params ?? '');
      if (alg !== 'scrypt' || !m || salt === undefined || hash === undefined) return false;
      const [ln, rr, pp] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (ln < 1 || ln > 20 || rr < 1 || rr > 32 || pp < 1 || pp > 16) return false;
      const expected = Buffer.from(hash, 'base64url');
      if (expected.length < 16) return false;
      const actual = await run(password, Buffer.from(salt, 'base64url'), ln, rr, pp, expected.length);
      return timingSafeEqual(actual, expected);
    },
  };
}

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

/** The few milliseconds between listening and having the app (its URL depends on the port). */
function starting(): Response {
  const body = {
    error: { code: 'SERVICE_UNAVAILABLE', message: 'The server is starting', details: {}, request_id: 'starting', timestamp: new Date().toISOString() },
  };
  return new Response(JSON.stringify(body), { status: 503, headers: { 'content-type': 'application/json', 'retry-after': '1' } });
}

/** Starts the API on a TCP port with the SQLite store and scrypt. */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const { port = 8787, host = '127.0.0.1', db = './janua.db', seed = false, hasher, issuer, rotateKeys = false, ...appOptions } = options;
  if (appOptions.dev && !isLoopback(host)) {
    throw new Error(`Refusing to start in dev mode on ${host}: dev endpoints expose the outbox; use a loopback host such as 127.0.0.1`);
  }
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${port}`);
  if (db !== ':memory:') mkdirSync(dirname(resolve(db)), { recursive: true });
  // Checkpoint fsyncs on a worker thread: inline, they stall every request queued behind them.
  const store = createSqliteStore(db, { checkpoint: 'background' });
  let app: JanuaApp | undefined;
  let server: ServerType;
  try {
    const address = await new Promise<AddressInfo>((done, fail) => {
      server = serve(
        {
          fetch: (request, env) => (app ? app.fetch(request, env) : starting()),
          port,
          hostname: host,
        },
        (info) => done(info),
      );
      server.once('error', fail);
    });
    const urlHost = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
    const url = (issuer ?? `http://${urlHost}:${address.port}`).replace(/\/+$/, '');
    const created = createApp({
      ...appOptions,
      store,
      hasher: hasher ?? createScryptHasher(),
      issuer: url,
      clientIp: (_request, env) =>
        (env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress,
    });
    await created.ready;
    if (rotateKeys) await created.ctx.keys.rotate();
    const seeded = seed ? (await seedDemo(created.ctx)).created : [];
    // Requests are answered "starting" until now: a probe that gets a real answer may rely on the
    // keys and the demo accounts being there.
    app = created;
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
    (server! as ServerType | undefined)?.close();
    store.close();
    throw error;
  }
}
