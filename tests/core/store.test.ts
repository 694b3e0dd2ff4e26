import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SnapshotStore } from '../../packages/core/src/store.ts';
import type { AuthSnapshot } from '../../packages/core/src/index.ts';

test('snapshots are frozen, start loading, and keep their identity until something changes', () => {
  const store = new SnapshotStore();
  const first = store.get();
  assert.equal(first.status, 'loading');
  assert.ok(Object.isFrozen(first));
  assert.equal(store.get(), first);
  assert.equal(store.set({ status: 'loading', user: null }), false);
  assert.equal(store.get(), first, 'setting equal values keeps the snapshot');
  assert.equal(store.set({ status: 'signed-out' }), true);
  const second = store.get();
  assert.notEqual(second, first);
  assert.equal(second.status, 'signed-out');
  assert.equal(first.status, 'loading', 'old snapshots are never mutated');
  assert.throws(() => {
    (second as { status: string }).status = 'signed-in';
  }, TypeError);
});

test('subscribers get the current snapshot at once, then each change, until they unsubscribe', () => {
  const store = new SnapshotStore();
  const seen: AuthSnapshot[] = [];
  const unsubscribe = store.subscribe((s) => seen.push(s));
  assert.equal(seen.length, 1);
  assert.equal(seen[0], store.get());
  store.set({ status: 'signed-out' });
  store.set({ status: 'signed-out' });
  assert.equal(seen.length, 2);
  unsubscribe();
  store.set({ status: 'loading' });
  assert.equal(seen.length, 2);
});

test('a throwing subscriber does not stop the others', () => {
  const store = new SnapshotStore();
  let calls = 0;
  const reported: unknown[] = [];
  const original = console.error;
  console.error = (e: unknown) => reported.push(e);
  try {
    store.subscribe((s) => {
      if (s.status === 'signed-out') throw new Error('boom');
    });
    store.subscribe(() => calls++);
    store.set({ status: 'signed-out' });
    assert.equal(calls, 2);
    assert.equal(reported.length, 1, 'the error is still reported');
    assert.equal((reported[0] as Error).message, 'boom');
  } finally {
    console.error = original;
  }
});
