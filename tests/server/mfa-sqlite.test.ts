import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { codeAt, enableSms, enableTotp, lastLink, lastSmsCode, signInChallenge } from './helpers/mfa.ts';

const dir = mkdtempSync(join(tmpdir(), 'janua-mfa-sqlite-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('MFA and recovery on the SQLite store', () => {
  it('TOTP, backup code, SMS, replay refusal and a password reset, across a restart', async () => {
    const path = join(dir, 'mfa.db');
    const t = createTestApp({ store: createSqliteStore(path) });
    const user = await t.signUp();
    const { secret, backupCodes } = await enableTotp(t, user);
    await enableSms(t, user, '+4915112345678');

    const first = await signInChallenge(t, user);
    assert.deepEqual(first.mfa_methods, ['totp', 'sms', 'backup_code']);
    const code = await codeAt(t, secret);
    assert.equal((await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: first.mfa_token, code } })).status, 200);
    const replay = await signInChallenge(t, user);
    const refused = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: replay.mfa_token, code } });
    assert.equal(refused.body.error.code, 'INVALID_MFA_CODE');
    assert.equal((await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: replay.mfa_token, code: backupCodes[0] } })).status, 200);

    await t.request('POST', '/api/v1/auth/password/forgot', { body: { email: user.user.email } });
    const { token } = lastLink(t, user.user.email);
    t.store.close();

    // The same database file opened again: state and tokens survived.
    const again = createTestApp({ store: createSqliteStore(path) });
    const challenge = await signInChallenge(again, user);
    await again.request('POST', '/api/v1/mfa/challenge/send', { body: { mfa_token: challenge.mfa_token, method: 'sms' } });
    const sms = lastSmsCode(again, '+4915112345678');
    assert.equal((await again.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: challenge.mfa_token, code: sms } })).status, 200);
    const status = await again.request('GET', '/api/v1/mfa/status', { token: (await signInWith(again, user, backupCodes[1]!)).access_token });
    assert.equal(status.body.backup_codes_remaining, 8);
    const reset = await again.request('POST', '/api/v1/auth/password/reset', { body: { token, new_password: 'Fresh-sqlite-pass-4' } });
    assert.equal(reset.status, 200);
    assert.equal((await again.request('POST', '/api/v1/auth/password/reset', { body: { token, new_password: 'Fresh-sqlite-pass-5' } })).body.error.code, 'INVALID_TOKEN');
    again.store.close();
  });
});

async function signInWith(t: ReturnType<typeof createTestApp>, user: Parameters<typeof signInChallenge>[1], backupCode: string) {
  const { mfa_token } = await signInChallenge(t, user);
  const res = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token, code: backupCode } });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body.tokens as { access_token: string };
}
