/** Throttling and lockout: 429/423 with Retry-After, and the limits stand in front of the password hash. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createArgon2Hasher } from '../../packages/server/src/node.ts';
import type { PasswordHasher } from '../../packages/server/src/auth/password.ts';
import { createTestApp, TEST_HASH_PARAMS } from '../../packages/server/src/testing.ts';
import { freshIp } from './helpers.ts';

/** The real test hasher, with a count of the hashes it computed (verify included). */
function countingHasher(): PasswordHasher & { computed: number } {
  const real = createArgon2Hasher(TEST_HASH_PARAMS);
  const counting = {
    computed: 0,
    hash: (p: string) => ((counting.computed++), real.hash(p)),
    verify: (p: string, e: string) => ((counting.computed++), real.verify(p, e)),
    needsRehash: (e: string) => real.needsRehash!(e),
  };
  return counting;
}

describe('throttling and lockout', () => {
  it('per address: the 51st sign-in in 5 minutes is 429 with Retry-After, and costs no hash', async () => {
    const hasher = countingHasher();
    const t = createTestApp({ hasher });
    const up = await t.signUp();
    for (let i = 0; i < 50; i++) await t.request('POST', '/api/v1/auth/signin', { body: { email: `x${i}@example.test`, password: 'Wrong-password-42' }, ip: '192.0.2.50' });
    const before = hasher.computed;
    const limited = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password }, ip: '192.0.2.50' });
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'RATE_LIMITED');
    const wait = Number(limited.headers.get('retry-after'));
    assert.ok(wait > 0 && wait <= 300, `Retry-After ${wait}`);
    assert.equal(hasher.computed, before, 'refused before any hashing');
    t.clock.advance(wait * 1000 + 1);
    assert.equal((await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password }, ip: '192.0.2.50' })).status, 200);
  });

  it('per account: five failures lock it (423, Retry-After doubling), even for the right password, and cost no hash while locked', async () => {
    const hasher = countingHasher();
    const t = createTestApp({ hasher });
    const up = await t.signUp();
    for (let i = 0; i < 5; i++) assert.equal((await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: 'Wrong-password-42' }, ip: freshIp() })).status, 401);
    const before = hasher.computed;
    const locked = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password }, ip: freshIp() });
    assert.equal(locked.status, 423);
    assert.equal(locked.headers.get('retry-after'), '30');
    assert.equal(hasher.computed, before, 'a locked account costs no hash');
    t.clock.advance(31_000);
    await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: 'Wrong-password-42' }, ip: freshIp() });
    const again = await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password }, ip: freshIp() });
    assert.equal(again.status, 423);
    assert.ok(Number(again.headers.get('retry-after')) > 30, 'the next lock is longer');
  });

  it('sign-up, forgot password, magic link, reset, MFA verify and passkey options are each limited per address', async () => {
    const t = createTestApp();
    const cases: [string, unknown][] = [
      ['/api/v1/auth/signup', { email: 'not-an-email', password: 'Valid-password-1' }],
      ['/api/v1/auth/password/forgot', { email: 'someone@example.test' }],
      ['/api/v1/auth/magic-link', { email: 'someone@example.test' }],
      ['/api/v1/auth/password/reset', { token: 'x'.repeat(43), new_password: 'Brand-new-secret-77' }],
      ['/api/v1/mfa/challenge/verify', { mfa_token: 'x'.repeat(43), code: '123456' }],
    ];
    for (const [path, body] of cases) {
      let limited;
      for (let i = 0; i < 60 && !limited; i++) {
        const res = await t.request('POST', path, { body, ip: '198.51.100.9' });
        if (res.status === 429) limited = res;
      }
      assert.ok(limited, `${path} is limited`);
      assert.ok(Number(limited.headers.get('retry-after')) > 0, `${path} sends Retry-After`);
    }
  });

  it('MFA codes: the fifth wrong code locks the second factor (429 with Retry-After) even for the right code', async () => {
    const { codeAt, enableTotp, verifyEmail } = await import('./helpers.ts');
    const t = createTestApp({ rateLimit: false });
    const up = await t.signUp();
    await verifyEmail(t, up);
    const { secret } = await enableTotp(t, up);
    const challenge = async () => (await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password } })).body.mfa_token as string;
    const token = await challenge();
    for (let i = 0; i < 5; i++) {
      const res = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: token, code: '000000' } });
      assert.ok([400, 429].includes(res.status));
    }
    const right = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: await challenge(), code: await codeAt(t, secret) } });
    assert.equal(right.status, 429);
    assert.ok(Number(right.headers.get('retry-after')) > 0);
  });
});
