import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_MFA, seedDemoMfa } from '../../packages/server/src/mfa/seed.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { codeAt } from './helpers/mfa.ts';

describe('demo MFA account', () => {
  it('gets TOTP, SMS and the published backup codes once; sign-in then asks for them', async () => {
    const t = createTestApp();
    assert.equal(await seedDemoMfa(t.app.ctx), false, 'no account, nothing to do');
    await t.signUp({ email: DEMO_MFA.email, password: DEMO_MFA.password });
    assert.equal(await seedDemoMfa(t.app.ctx), true);
    assert.equal(await seedDemoMfa(t.app.ctx), false, 'idempotent');
    const signin = await t.request('POST', '/api/v1/auth/signin', { body: { email: DEMO_MFA.email, password: DEMO_MFA.password } });
    assert.equal(signin.body.mfa_required, true);
    assert.deepEqual(signin.body.mfa_methods, ['totp', 'sms', 'backup_code']);
    const code = await codeAt(t, DEMO_MFA.totpSecret);
    const ok = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: signin.body.mfa_token, code } });
    assert.equal(ok.status, 200);
    const again = await t.request('POST', '/api/v1/auth/signin', { body: { email: DEMO_MFA.email, password: DEMO_MFA.password } });
    const backup = await t.request('POST', '/api/v1/mfa/challenge/verify', { body: { mfa_token: again.body.mfa_token, code: DEMO_MFA.backupCodes[0] } });
    assert.equal(backup.status, 200);
  });
});
