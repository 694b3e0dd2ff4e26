import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, hotp, totpStep } from '../../packages/server/src/mfa/totp.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { codeAt, enableSms, enableTotp, lastSmsCode, signInChallenge } from './helpers/mfa.ts';

/** A code in the digits of another script: each ASCII digit moved to the block starting at `zero`. */
const inDigits = (code: string, zero: number) => code.replace(/\d/g, (d) => String.fromCharCode(zero + Number(d)));
const ARABIC_INDIC = 0x0660;
const PERSIAN = 0x06f0;
const FULL_WIDTH = 0xff10;

describe('codes typed in the digits of the keyboard', () => {
  it('a first TOTP code, a sign-in code and a phone code in Arabic-Indic, Persian or full-width digits work', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const enabled = await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: user.password } });
    const first = await hotp(base32Decode(enabled.body.secret), totpStep(t.clock.now()));
    const verified = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: inDigits(first, ARABIC_INDIC) } });
    assert.equal(verified.status, 200, JSON.stringify(verified.body));

    t.clock.advance(30_000);
    const { mfa_token } = await signInChallenge(t, user);
    const code = inDigits(await codeAt(t, enabled.body.secret), FULL_WIDTH);
    const signedIn = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token, code } });
    assert.equal(signedIn.status, 200, JSON.stringify(signedIn.body));

    const phone = '+33612345690';
    await t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: phone } });
    const confirmed = await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code: inDigits(lastSmsCode(t, phone), PERSIAN) } });
    assert.equal(confirmed.status, 200, JSON.stringify(confirmed.body));
  });

  it('other digits stay wrong codes: Devanagari is not read as 0-9', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { secret } = await enableTotp(t, user);
    await enableSms(t, user, '+33612345691');
    const { mfa_token } = await signInChallenge(t, user);
    const code = inDigits(await codeAt(t, secret), 0x0966);
    const res = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token, code } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.details.reason, 'invalid');
  });
});
