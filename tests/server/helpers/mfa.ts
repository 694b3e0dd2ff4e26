/** Shared steps of the MFA and recovery tests: real secrets, real codes, through the real API. */
import assert from 'node:assert/strict';
import { base32Decode, hotp, totpStep } from '../../../packages/server/src/mfa/totp.ts';
import type { TestApp } from '../../../packages/server/src/testing.ts';

export type SignedUp = Awaited<ReturnType<TestApp['signUp']>>;

/** The TOTP code an authenticator app holding `secret` shows at the app's clock, `steps` away. */
export async function codeAt(t: TestApp, secret: string, steps = 0): Promise<string> {
  return hotp(base32Decode(secret), totpStep(t.clock.now()) + steps);
}

/** Moves the clock to the start of the next 30-second step, so a fresh code exists. */
export function nextStep(t: TestApp): void {
  const ms = t.clock.now();
  t.clock.advance(30_000 - (ms % 30_000) + 1);
}

export async function enableTotp(t: TestApp, user: SignedUp): Promise<{ secret: string; backupCodes: string[] }> {
  const token = user.tokens!.access_token;
  const enabled = await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: user.password } });
  assert.equal(enabled.status, 200, JSON.stringify(enabled.body));
  const verified = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: await codeAt(t, enabled.body.secret) } });
  assert.equal(verified.status, 200, JSON.stringify(verified.body));
  // The code just used is spent; the next one belongs to the next step.
  nextStep(t);
  return { secret: enabled.body.secret, backupCodes: enabled.body.backup_codes };
}

/** Enrols `phone` as an SMS factor with the code read back from the outbox. */
export async function enableSms(t: TestApp, user: SignedUp, phone = '+14155550123'): Promise<void> {
  const token = user.tokens!.access_token;
  const sent = await t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: phone } });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  const ok = await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code: lastSmsCode(t, phone) } });
  assert.equal(ok.status, 200, JSON.stringify(ok.body));
}

export function lastSmsCode(t: TestApp, phone: string): string {
  const texts = t.outbox.list(phone);
  const code = texts.at(-1)?.code;
  assert.ok(code, `no SMS code was sent to ${phone}`);
  return code;
}

/** Signs in with the password and expects the MFA challenge; returns the answer body. */
export async function signInChallenge(t: TestApp, user: SignedUp, ip?: string): Promise<{ mfa_token: string; mfa_methods: string[] } & Record<string, any>> {
  const res = await t.request('POST', '/api/v1/auth/signin', { body: { email: user.user.email, password: user.password }, ...(ip ? { ip } : {}) });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  assert.equal(res.body.mfa_required, true);
  return res.body;
}

/** The last email to `to` that carries a link, and the `token` in it. */
export function lastLink(t: TestApp, to: string): { link: URL; token: string; subject: string } {
  const mail = t.outbox.list(to).filter((m) => m.link).at(-1);
  assert.ok(mail, `no link was mailed to ${to}`);
  const link = new URL(mail.link!);
  return { link, token: link.searchParams.get('token')!, subject: mail.subject };
}

/** Confirms the address of a freshly signed-up account the way its holder does: the mailed link, signed in. */
export async function verifyEmail(t: TestApp, user: SignedUp): Promise<void> {
  const mail = t.outbox.list(user.user.email).filter((m) => m.link && /verify-email/.test(m.link)).at(-1);
  assert.ok(mail, `no verification link was mailed to ${user.user.email}`);
  const token = new URL(mail.link!).searchParams.get('token');
  const res = await t.request('POST', '/api/v1/auth/email/verify', { body: { token }, token: user.tokens!.access_token });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}
