/**
 * The per-account limit and the lockout hold for requests sent at the same moment: a burst gets
 * no more password verifications, and the lockout no more failures, than the same requests sent
 * one after another. The hasher holds every verification until the whole burst is in, so each
 * request has been either refused or admitted before any check ends, whatever the machine's load.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createArgon2Hasher } from '../../packages/server/src/node.ts';
import { createTestApp, type TestApp, type TestResponse, TEST_HASH_PARAMS } from '../../packages/server/src/testing.ts';

/** The test hasher, whose verifications wait at a gate while it is held. */
function gatedHasher() {
  const real = createArgon2Hasher(TEST_HASH_PARAMS);
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  const hasher = {
    /** Verifications begun, whether or not they have passed the gate. */
    started: 0,
    hash: (password: string) => real.hash(password),
    needsRehash: (encoded: string) => real.needsRehash!(encoded),
    verify: async (password: string, encoded: string) => {
      hasher.started++;
      await gate;
      return real.verify(password, encoded);
    },
    hold() {
      gate = new Promise<void>((resolve) => (open = resolve));
    },
    release: () => open(),
  };
  return hasher;
}
type GatedHasher = ReturnType<typeof gatedHasher>;

/**
 * Sends `count` requests at once. The gate opens once each of them has been answered (refused
 * before any hashing) or is waiting in a verification; then all are awaited.
 */
async function burst(hasher: GatedHasher, count: number, send: (i: number) => Promise<TestResponse>) {
  hasher.hold();
  const before = hasher.started;
  let answered = 0;
  const all = Array.from({ length: count }, (_, i) => send(i).finally(() => answered++));
  while (answered + hasher.started - before < count) await new Promise((resolve) => setImmediate(resolve));
  const verified = hasher.started - before;
  hasher.release();
  const responses = await Promise.all(all);
  const statuses: Record<number, number> = {};
  for (const res of responses) statuses[res.status] = (statuses[res.status] ?? 0) + 1;
  return { responses, statuses, verified };
}

let ipCounter = 0;
/** Each from its own address, so the per-address limit stays out of the way. */
const signin = (t: TestApp, email: string, password: string) =>
  t.request('POST', '/api/v1/auth/signin', { body: { email, password }, ip: `10.41.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}` });
const WRONG = 'Wrong-password-42';

const retryAfter = (res: TestResponse) => Number(res.headers.get('retry-after'));

describe('sign-in limits under parallel requests', () => {
  it('a burst gets five verifications, as five failures in a row would, and the right password sent with it opens nothing', { timeout: 120_000 }, async () => {
    const hasher = gatedHasher();
    const t = createTestApp({ hasher });
    const up = await t.signUp();
    const { responses, statuses, verified } = await burst(hasher, 30, (i) => signin(t, up.user.email, i === 29 ? up.password : `${WRONG}-${i}`));
    assert.equal(verified, 5, 'verifications');
    assert.deepEqual(statuses, { 401: 5, 429: 25 });
    assert.equal(responses[29]!.body.tokens, undefined, 'no tokens for the last request of the burst');
    for (const res of responses.filter((r) => r.status === 429)) {
      assert.equal(res.body.error.code, 'RATE_LIMITED');
      assert.ok(retryAfter(res) > 0, 'a 429 sends Retry-After');
    }
    assert.equal(t.app.ctx.sessions.sessions.count({ user_id: up.user.id }), 1, 'only the sign-up session exists');

    const locked = await signin(t, up.user.email, up.password);
    assert.equal(locked.status, 423, 'locked, exactly as after five failures one by one');
    assert.ok(retryAfter(locked) > 25 && retryAfter(locked) <= 30, `Retry-After ${retryAfter(locked)}`);
  });

  it('a burst cannot escalate the lockout: each lock lets one verification through, at the sequential pace', { timeout: 120_000 }, async () => {
    const hasher = gatedHasher();
    const t = createTestApp({ hasher });
    const up = await t.signUp();
    const key = `user:${up.user.id}`;
    const first = await burst(hasher, 100, (i) =>
      t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: `${WRONG}-${i}` }, ip: `203.0.113.${i % 2}` }));
    assert.equal(first.verified, 5);
    assert.equal(t.app.ctx.limits!.lockout.table.get(key)?.failures, 5, 'five failures counted, not a hundred');
    const owner = await signin(t, up.user.email, up.password);
    assert.equal(owner.status, 423);
    assert.ok(retryAfter(owner) <= 30, `the first lock, not a long one: Retry-After ${retryAfter(owner)}`);

    t.clock.advance(31_000);
    const second = await burst(hasher, 20, (i) => signin(t, up.user.email, `${WRONG}-again-${i}`));
    assert.equal(second.verified, 1, 'past the free failures, one at a time');
    assert.deepEqual(second.statuses, { 401: 1, 429: 19 });
    assert.equal(t.app.ctx.limits!.lockout.table.get(key)?.failures, 6);
    const doubled = await signin(t, up.user.email, up.password);
    assert.equal(doubled.status, 423);
    assert.ok(retryAfter(doubled) > 55 && retryAfter(doubled) <= 60, `Retry-After ${retryAfter(doubled)}`);

    t.clock.advance(61_000);
    assert.equal((await signin(t, up.user.email, up.password)).status, 200, 'the owner gets in once the lock has run out');
  });

  it('the per-account window holds too: with the lockout out of the way, ten verifications in fifteen minutes', { timeout: 120_000 }, async () => {
    const hasher = gatedHasher();
    const t = createTestApp({ hasher, rateLimit: { lockout: { freeFailures: 1000, hardLimit: 1000 } } });
    const up = await t.signUp();
    const { statuses, verified } = await burst(hasher, 30, (i) => signin(t, up.user.email, `${WRONG}-${i}`));
    assert.equal(verified, 10);
    assert.deepEqual(statuses, { 401: 10, 429: 20 });
    const full = await signin(t, up.user.email, up.password);
    assert.equal(full.status, 429);
    assert.ok(retryAfter(full) > 800, `the window's own wait: Retry-After ${retryAfter(full)}`);
  });

  it('an unknown login is held to the same numbers, so a burst tells nothing about whether the account exists', { timeout: 120_000 }, async () => {
    const hasher = gatedHasher();
    const t = createTestApp({ hasher });
    const { statuses, verified } = await burst(hasher, 30, (i) => signin(t, 'nobody.here@example.test', `${WRONG}-${i}`));
    assert.equal(verified, 5);
    assert.deepEqual(statuses, { 401: 5, 429: 25 });
    assert.equal((await signin(t, 'nobody.here@example.test', WRONG)).status, 423);
  });

  it('a verification that throws is not counted and leaves no attempt hanging', { timeout: 120_000 }, async () => {
    const hasher = gatedHasher();
    const t = createTestApp({ hasher });
    const up = await t.signUp();
    const verify = hasher.verify;
    hasher.verify = async () => {
      throw new Error('hasher down');
    };
    for (let i = 0; i < 8; i++) assert.equal((await signin(t, up.user.email, WRONG)).status, 500);
    hasher.verify = verify;
    assert.equal(t.app.ctx.limits!.lockout.table.get(`user:${up.user.id}`), undefined, 'nothing counted');
    assert.equal((await signin(t, up.user.email, up.password)).status, 200);
  });
});

describe('password re-confirmation under the same limits', () => {
  const change = (t: TestApp, token: string, current: string) =>
    t.request('POST', '/api/v1/auth/password/change', { token, body: { current_password: current, new_password: 'Another-Strong-Pass-88' } });

  it('a burst of wrong current passwords gets five verifications, then the account is locked for sign-in and re-confirmation alike', { timeout: 120_000 }, async () => {
    const hasher = gatedHasher();
    const t = createTestApp({ hasher });
    const up = await t.signUp();
    const token = up.tokens!.access_token;
    const { statuses, verified, responses } = await burst(hasher, 30, (i) => change(t, token, `Guess-${i}`));
    assert.equal(verified, 5);
    assert.deepEqual(statuses, { 400: 5, 429: 25 });
    assert.ok(responses.filter((r) => r.status === 400).every((r) => r.body.error.code === 'INVALID_CREDENTIALS'));

    const right = await change(t, token, up.password);
    assert.equal(right.status, 423);
    assert.equal(right.body.error.code, 'ACCOUNT_LOCKED');
    assert.equal(right.body.error.details.unlock, 'wait');
    assert.ok(retryAfter(right) > 25 && retryAfter(right) <= 30, `Retry-After ${retryAfter(right)}`);
    assert.equal((await signin(t, up.user.email, up.password)).status, 423, 'the failures count towards the sign-in lockout');
  });

  it('honours a lock that failed sign-ins set, without checking the password', { timeout: 120_000 }, async () => {
    const hasher = gatedHasher();
    const t = createTestApp({ hasher });
    const up = await t.signUp();
    for (let i = 0; i < 5; i++) assert.equal((await signin(t, up.user.email, WRONG)).status, 401);
    const before = hasher.started;
    const res = await change(t, up.tokens!.access_token, up.password);
    assert.equal(res.status, 423);
    assert.equal(res.body.error.code, 'ACCOUNT_LOCKED');
    assert.ok(retryAfter(res) > 0);
    assert.equal(hasher.started, before, 'no hash computed while locked');
    t.clock.advance(31_000);
    assert.equal((await change(t, up.tokens!.access_token, up.password)).status, 200, 'the right password works once the lock has run out');
  });

  it('a lock that only a password reset lifts answers 423 without Retry-After', { timeout: 120_000 }, async () => {
    const t = createTestApp({ rateLimit: { lockout: { hardLimit: 3, freeFailures: 3 } } });
    const up = await t.signUp();
    for (let i = 0; i < 3; i++) assert.equal((await signin(t, up.user.email, WRONG)).status, 401);
    const res = await change(t, up.tokens!.access_token, up.password);
    assert.equal(res.status, 423);
    assert.equal(res.body.error.details.unlock, 'password_reset');
    assert.equal(res.headers.get('retry-after'), null);
  });
});
