/** TOTP (RFC 6238 vectors, window, replay) and backup codes (hashed, single-use), through the API. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupCodesTable } from '../../packages/server/src/mfa/tables.ts';
import { hotp, totp } from '../../packages/server/src/mfa/totp.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { sha256 } from '../../packages/server/src/util.ts';
import { codeAt, enableTotp, verifyEmail } from './helpers.ts';

const RFC_SECRET = new TextEncoder().encode('12345678901234567890');

describe('TOTP and backup codes', () => {
  it('matches the RFC 4226 and RFC 6238 (SHA-1) test vectors', async () => {
    const hotpVectors = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    for (const [counter, code] of hotpVectors.entries()) assert.equal(await hotp(RFC_SECRET, counter), code);
    for (const [seconds, code] of [[59, '94287082'], [1111111109, '07081804'], [1111111111, '14050471'], [1234567890, '89005924'], [2000000000, '69279037'], [20000000000, '65353130']] as const) {
      assert.equal(await totp(RFC_SECRET, seconds * 1000, 8), code, `T = ${seconds}`);
    }
  });

  async function withTotp() {
    const t = createTestApp({ rateLimit: false });
    const up = await t.signUp();
    await verifyEmail(t, up);
    const { secret, backupCodes } = await enableTotp(t, up);
    const challenge = async () => (await t.request('POST', '/api/v1/auth/signin', { body: { email: up.user.email, password: up.password } })).body.mfa_token as string;
    const verify = async (code: string) => t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: await challenge(), code } });
    return { t, up, secret, backupCodes, verify };
  }

  it('accepts the current step and one either side, not two away', async () => {
    const { t, secret, verify } = await withTotp();
    // Two steps past the one used to turn MFA on, so the step before now is unused.
    t.clock.advance(60_000);
    assert.equal((await verify(await codeAt(t, secret, -2))).status, 400);
    assert.equal((await verify(await codeAt(t, secret, 2))).status, 400);
    assert.equal((await verify(await codeAt(t, secret, -1))).status, 200);
    assert.equal((await verify(await codeAt(t, secret, 1))).status, 200);
  });

  it('refuses a code used once already, and any older one', async () => {
    const { t, secret, verify } = await withTotp();
    const code = await codeAt(t, secret);
    assert.equal((await verify(code)).status, 200);
    const replay = await verify(code);
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error.code, 'INVALID_MFA_CODE');
    assert.equal((await verify(await codeAt(t, secret, -1))).status, 400, 'an older step after a newer one');
  });

  it('stores backup codes as hashes only, and each works once', async () => {
    const { t, up, backupCodes, verify } = await withTotp();
    const rows = t.store.table(backupCodesTable).find({ user_id: up.user.id });
    assert.equal(rows.length, 10);
    const dump = JSON.stringify(rows);
    for (const code of backupCodes) assert.ok(!dump.includes(code) && !dump.includes(code.replace(/-/g, '')), 'no clear code is stored');
    const hashes = new Set(rows.map((r) => r.code_hash));
    for (const code of backupCodes) assert.ok(hashes.has(await sha256(code.replace(/-/g, '').toLowerCase())), 'each code is stored as its SHA-256');
    assert.equal((await verify(backupCodes[0]!.toUpperCase())).status, 200, 'case and dashes do not matter');
    const again = await verify(backupCodes[0]!);
    assert.equal(again.status, 400, 'spent');
    assert.equal((await verify(backupCodes[1]!)).status, 200);
  });
});
