/**
 * Shared steps of the standing security suite (`npm run test:security`). Everything goes through
 * the real app (`createTestApp`): real hashing, real tokens, real storage.
 */
import assert from 'node:assert/strict';
import type { TestApp } from '../../packages/server/src/testing.ts';

export { codeAt, enableTotp, lastLink, verifyEmail, type SignedUp } from '../server/helpers/mfa.ts';

let ipCounter = 0;
/** A fresh client address per call, so per-IP limits stay out of a test that is about something else. */
export function freshIp(): string {
  ipCounter++;
  return `10.77.${Math.floor(ipCounter / 250) % 250}.${ipCounter % 250}`;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Times `a` and `b` interleaved (a, b, b, a, a, b, …: neither always runs first, so warm caches
 * and a busy neighbour process fall on both alike), after `warmup` untimed rounds. Returns the
 * milliseconds of each try.
 */
export async function interleavedTimings(tries: number, a: () => Promise<unknown>, b: () => Promise<unknown>, warmup = 5): Promise<{ a: number[]; b: number[] }> {
  for (let i = 0; i < warmup; i++) {
    await a();
    await b();
  }
  const times = { a: [] as number[], b: [] as number[] };
  const run = async (fn: () => Promise<unknown>, into: number[]) => {
    const started = performance.now();
    await fn();
    into.push(performance.now() - started);
  };
  for (let i = 0; i < tries; i++) {
    if (i % 2 === 0) {
      await run(a, times.a);
      await run(b, times.b);
    } else {
      await run(b, times.b);
      await run(a, times.a);
    }
  }
  return times;
}

/**
 * Asserts two medians within `ratio` (10 %) of each other, with an absolute floor below which a
 * difference is not measurable on a loaded 2-core machine anyway (`floorMs`, stated per use).
 * Retries the whole measurement up to `attempts` times: a neighbour process can distort one run,
 * but a real timing difference shows in every run, and always the same way round (the same side
 * slower), so only a difference seen every time, in one direction, fails.
 */
export async function assertSameTiming(
  label: string,
  measure: () => Promise<{ a: number[]; b: number[] }>,
  options: { ratio?: number; floorMs?: number; attempts?: number } = {},
): Promise<{ a: number; b: number }> {
  const ratio = options.ratio ?? 0.1;
  const floor = options.floorMs ?? 0;
  const attempts = options.attempts ?? 3;
  const seen: string[] = [];
  const slower = new Set<boolean>();
  for (let i = 0; i < attempts; i++) {
    const { a, b } = await measure();
    const [ma, mb] = [median(a), median(b)];
    const allowed = Math.max(ratio * Math.max(ma, mb), floor);
    seen.push(`${ma.toFixed(3)} ms vs ${mb.toFixed(3)} ms`);
    slower.add(ma > mb);
    // Within bounds, or one side slower in one run and the other in another: load, not a leak.
    if (Math.abs(ma - mb) <= allowed || slower.size > 1) return { a: ma, b: mb };
  }
  assert.fail(`${label}: medians differ by more than ${ratio * 100}% (floor ${floor} ms) in every run: ${seen.join('; ')}`);
}

/** The whole error body of an answer, without the parts that differ per request. */
export function sameError(body: { error: Record<string, unknown> }): Record<string, unknown> {
  return { ...body.error, request_id: 0, timestamp: 0 };
}

/** Signs in with a password from a fresh address. */
export function signIn(t: TestApp, email: string, password: string) {
  return t.request('POST', '/api/v1/auth/signin', { body: { email, password }, ip: freshIp() });
}

/** Whether an access token still answers /auth/me. */
export async function meStatus(t: TestApp, accessToken: string): Promise<number> {
  return (await t.request('GET', '/api/v1/auth/me', { token: accessToken })).status;
}

/** Spends a refresh token the way a client does; returns the status. */
export async function refreshStatus(t: TestApp, refreshToken: string): Promise<number> {
  return (await t.request('POST', '/api/v1/auth/refresh', { body: { refresh_token: refreshToken } })).status;
}

/** Every row of every table the store knows: a request that must write nothing leaves this equal. */
export function snapshot(t: TestApp): string {
  return JSON.stringify(t.store.registeredTables().map((table) => [table.spec.name, table.find({})]));
}
