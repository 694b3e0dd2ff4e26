import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mfaService, type MfaService } from '../../packages/server/src/mfa/service.ts';
import { oneTimeTokensTable } from '../../packages/server/src/recovery/one-time-tokens.ts';
import { createTestApp, type TestApp } from '../../packages/server/src/testing.ts';
import { sha256 } from '../../packages/server/src/util.ts';
import { codeAt, enableSms, enableTotp, lastSmsCode, signInChallenge } from './helpers/mfa.ts';

/*
 * Requests that overlap: each check awaits its hashing, so codes sent side by side are checked at
 * once, and a resend can land between a code's check and its spend. The server's answers must be
 * those of the same requests one after another.
 */

const verify = (t: TestApp, mfa_token: string, code: string, ip?: string) =>
  t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token, code }, ...(ip ? { ip } : {}) });

/** Codes no step of the last 10 minutes (or the next) shows: wrong ones, each a try. */
async function wrongCodes(t: TestApp, secret: string, count: number): Promise<string[]> {
  const recent = new Set(await Promise.all(Array.from({ length: 24 }, (_, i) => codeAt(t, secret, 1 - i))));
  return Array.from({ length: count + recent.size }, (_, i) => String(100_000 + i)).filter((c) => !recent.has(c)).slice(0, count);
}

/** Runs `between` (a real request) once, right after the next call of `method` has checked its code. */
function afterNextCheck(mfa: MfaService, method: 'check' | 'checkSms', between: () => Promise<unknown>): void {
  const methods = mfa as unknown as Record<typeof method, (...args: unknown[]) => Promise<unknown>>;
  const original = methods[method];
  methods[method] = async (...args) => {
    methods[method] = original;
    const checked = await original.apply(mfa, args);
    await between();
    return checked;
  };
}

const summary = (res: { status: number; body: any }) =>
  res.status === 400 ? `400 ${res.body.error.details.reason} ${res.body.error.details.attempts_remaining}` : String(res.status);

describe('MFA codes sent side by side', () => {
  it('wrong sign-in codes sent at once each cost a try, and the lock stops the rest', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const { mfa_token } = await signInChallenge(t, user);
    // From twelve addresses: the limit per address is not what is tested here.
    const answers = await Promise.all((await wrongCodes(t, secret, 12)).map((code, i) => verify(t, mfa_token, code, `10.3.0.${i}`)));
    const counted = answers.filter((r) => r.status === 400).map(summary).sort();
    assert.deepEqual(counted, ['400 invalid 5', '400 invalid 6', '400 invalid 7', '400 invalid 8', '400 invalid 9'], 'five tries, then the lock');
    assert.ok(answers.every((r) => r.status === 400 || (r.status === 429 && r.body.error.code === 'RATE_LIMITED')));
    const ticket = t.store.table(oneTimeTokensTable).findOne({ token_hash: await sha256(mfa_token) })!;
    assert.equal(ticket.attempts, 5);
    assert.equal(mfaService(t.app.ctx).of(user.user.id)!.failed_count, 5);
    assert.equal((await verify(t, mfa_token, await codeAt(t, secret))).status, 429, 'the lock holds for the right code');
  });

  it('wrong codes sent at once to turn MFA off stop at the lock too', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const token = user.tokens!.access_token;
    const disable = (code: string) => t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code } });
    const answers = await Promise.all((await wrongCodes(t, secret, 9)).map(disable));
    assert.equal(answers.filter((r) => r.status === 400).length, 5, answers.map(summary).join(', '));
    assert.equal(answers.filter((r) => r.status === 429).length, 4);
    assert.equal(mfaService(t.app.ctx).of(user.user.id)!.failed_count, 5);
  });

  it('one TOTP code finishing two sign-ins at once: one gets in, the other is "reused" with its tries left', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    const a = await signInChallenge(t, user);
    const b = await signInChallenge(t, user);
    const code = await codeAt(t, secret);
    const answers = (await Promise.all([verify(t, a.mfa_token, code), verify(t, b.mfa_token, code)])).map(summary).sort();
    assert.deepEqual(answers, ['200', '400 reused 10']);
  });
});

describe('a code whose row changes between its check and its spend', () => {
  it('a sign-in code a resend replaced meanwhile is "replaced", with the tries left; the new text works', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const phone = '+33612345680';
    await enableSms(t, user, phone);
    const { mfa_token } = await signInChallenge(t, user);
    const send = () => t.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token, method: 'sms' } });
    assert.equal((await send()).status, 200);
    const first = lastSmsCode(t, phone);
    afterNextCheck(mfaService(t.app.ctx), 'check', send);
    const raced = await verify(t, mfa_token, first);
    assert.equal(summary(raced), '400 replaced 10');
    const latest = lastSmsCode(t, phone);
    assert.equal((await verify(t, mfa_token, latest)).status, 200, 'the refusal spent neither the sign-in nor the new code');
  });

  it('a phone code a resend replaced meanwhile is "replaced", with the new code\'s tries', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const phone = '+33612345681';
    const token = user.tokens!.access_token;
    const send = () => t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: phone } });
    const confirm = (code: string) => t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code } });
    assert.equal((await send()).status, 200);
    const first = lastSmsCode(t, phone);
    afterNextCheck(mfaService(t.app.ctx), 'checkSms', send);
    assert.equal(summary(await confirm(first)), '400 replaced 5');
    assert.equal((await confirm(lastSmsCode(t, phone))).status, 200);
  });

  it('turning on two-step while the account is deleted is a 401, not a 500, and leaves nothing behind', async () => {
    const t = createTestApp();
    const mfa = mfaService(t.app.ctx);
    const methods = mfa as unknown as Record<'prepareBackupCodes' | 'sendSmsCode', (...args: unknown[]) => Promise<unknown>>;
    for (const [method, path, body] of [
      ['prepareBackupCodes', '/api/v1/mfa/enable', {}],
      ['sendSmsCode', '/api/v1/mfa/sms/enable', { phone_number: '+14155550199' }],
    ] as const) {
      const user = await t.signUp();
      const token = user.tokens!.access_token;
      // The deletion lands while the request awaits its hashing, after its password was confirmed.
      const original = methods[method];
      methods[method] = async (...args) => {
        methods[method] = original;
        const deleted = await t.request('DELETE', '/api/v1/users/me', { token, body: { password: user.password } });
        assert.equal(deleted.status, 204, JSON.stringify(deleted.body));
        return original.apply(mfa, args);
      };
      const res = await t.request('POST', path, { token, body: { password: user.password, ...body } });
      assert.equal(res.status, 401, `${path}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'UNAUTHORIZED');
      assert.equal(mfa.of(user.user.id), undefined, `${path}: no settings row for the deleted account`);
      assert.equal(t.store.table(oneTimeTokensTable).find({ user_id: user.user.id }).length, 0, `${path}: no code for it`);
      assert.equal(t.outbox.list('+14155550199').length, 0, `${path}: nothing texted`);
    }
  });
});
