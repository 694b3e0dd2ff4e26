import assert from 'node:assert/strict';

/**
 * Polls `found` until it gives something truthy, and returns that. `timeout` only bounds a
 * failure: a loaded machine is slow, not wrong. The Node suites' one poller (the core tests
 * take it through tests/core/env.ts).
 */
export async function until<T>(found: () => T, what: string, timeout = 15_000): Promise<NonNullable<T>> {
  const end = Date.now() + timeout;
  for (let value = found(); ; value = found()) {
    if (value) return value as NonNullable<T>;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
