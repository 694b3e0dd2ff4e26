/**
 * The timing check the enumeration tests rest on: it must fail on a difference that is real (the
 * same side slower every time) and pass one that load makes (within bounds, or either side slower).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertSameTiming } from './helpers.ts';

/** Runs that hand back these medians in turn. */
function runs(...pairs: [number, number][]): () => Promise<{ a: number[]; b: number[] }> {
  let i = 0;
  return async () => {
    const [a, b] = pairs[i++ % pairs.length]!;
    return { a: [a, a, a], b: [b, b, b] };
  };
}

describe('assertSameTiming', () => {
  it('fails when one side is slower beyond the bounds in every run', async () => {
    await assert.rejects(assertSameTiming('real', runs([10, 20], [11, 19], [9, 15])), /real: medians differ by more than 10%/);
  });

  it('passes a run within the bounds, and runs that disagree on which side is slower', async () => {
    assert.deepEqual(await assertSameTiming('close', runs([10, 20], [10, 10.5])), { a: 10, b: 10.5 });
    assert.deepEqual(await assertSameTiming('noise', runs([10, 20], [20, 10])), { a: 20, b: 10 });
  });

  it('treats differences under the floor as equal', async () => {
    assert.deepEqual(await assertSameTiming('tiny', runs([0.01, 0.05]), { floorMs: 0.1 }), { a: 0.01, b: 0.05 });
  });
});
