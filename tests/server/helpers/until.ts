import assert from 'node:assert/strict';

/**
 * Polls `found` until it gives something other than `undefined` or `false`, and returns that.
 * `timeout` only bounds a failure: a loaded machine is slow, not wrong.
 */
export async function until<T>(found: () => T | undefined | false, what: string, timeout = 15_000): Promise<T> {
  const end = Date.now() + timeout;
  for (let value = found(); ; value = found()) {
    if (value !== undefined && value !== false) return value;
    if (Date.now() > end) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
