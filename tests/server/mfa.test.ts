import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backupCodesTable, mfaSettingsTable } from '../../packages/server/src/mfa/tables.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { codeAt, enableSms, enableTotp, lastSmsCode, nextStep } from './helpers/mfa.ts';

const MFA_POSTS = ['/mfa/enable', '/mfa/verify', '/mfa/disable', '/mfa/regenerate-backup-codes', '/mfa/sms/enable', '/mfa/sms/verify'];

describe('MFA endpoints need a signed-in user', () => {
  it('401 without a token, with a bad one and after sign-out', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    assert.equal((await t.request('GET', '/api/v1/mfa/status')).status, 401);
    for (const path of MFA_POSTS) {
      const none = await t.request('POST', `/api/v1${path}`, { body: {} });
      assert.equal(none.status, 401, path);
      assert.equal(none.body.error.code, 'UNAUTHORIZED');
      assert.equal((await t.request('POST', `/api/v1${path}`, { body: {}, token: 'x.y.z' })).status, 401, path);
    }
    await t.request('POST', '/api/v1/auth/signout', { token });
    assert.equal((await t.request('GET', '/api/v1/mfa/status', { token })).status, 401);
  });
});

describe('TOTP set-up', () => {
  it('enable → status pending → first code turns it on → status and /auth/me say so', async () => {
    const t = createTestApp();
    const user = await t.signUp({ email: 'ada@example.com' });
    const token = user.tokens!.access_token;
    const before = await t.request('GET', '/api/v1/mfa/status', { token });
    assert.deepEqual(before.body, { enabled: false, verified: false, backup_codes_remaining: 0, last_used_at: null, methods: [] });

    const res = await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: user.password } });
    assert.equal(res.status, 200);
    assert.match(res.body.secret, /^[A-Z2-7]{32}$/, '160-bit base32 secret');
    assert.equal(res.body.backup_codes.length, 10);
    assert.equal(new Set(res.body.backup_codes).size, 10);
    for (const code of res.body.backup_codes) assert.match(code, /^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    assert.match(res.body.qr_code, /^data:image\/svg\+xml;base64,/);
    const uri = new URL(res.body.provisioning_uri);
    assert.equal(uri.searchParams.get('secret'), res.body.secret);
    assert.match(decodeURIComponent(uri.pathname), /ada@example\.com$/);

    const pending = await t.request('GET', '/api/v1/mfa/status', { token });
    assert.equal(pending.body.enabled, false, 'not on before a code checks out');
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token })).body.mfa_enabled, false);

    const wrong = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: '000000' === (await codeAt(t, res.body.secret)) ? '111111' : '000000' } });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.error.code, 'INVALID_MFA_CODE');

    const ok = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: await codeAt(t, res.body.secret) } });
    assert.equal(ok.status, 200);
    assert.equal(typeof ok.body.message, 'string');
    const status = await t.request('GET', '/api/v1/mfa/status', { token });
    assert.equal(status.body.enabled, true);
    assert.equal(status.body.verified, true);
    assert.equal(status.body.backup_codes_remaining, 10);
    assert.ok(Date.parse(status.body.last_used_at));
    assert.deepEqual(status.body.methods, ['totp', 'backup_code']);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token })).body.mfa_enabled, true);
  });

  it('stores backup codes hashed, never in clear', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const { backupCodes } = await enableTotp(t, user);
    const rows = t.store.table(backupCodesTable).find({ user_id: user.user.id });
    assert.equal(rows.length, 10);
    const stored = JSON.stringify(rows);
    for (const code of backupCodes) {
      assert.ok(!stored.includes(code) && !stored.includes(code.replace(/-/g, '')), 'a backup code in clear');
    }
    for (const row of rows) assert.match(row.code_hash, /^[\w-]{43}$/);
  });

  it('accepts a code from the step before or after (clock drift), not two steps off', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const { body } = await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: user.password } });
    const far = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: await codeAt(t, body.secret, 2) } });
    assert.equal(far.status, 400);
    const near = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: await codeAt(t, body.secret, -1) } });
    assert.equal(near.status, 200);
  });

  it('refuses a second enable while on, and verify without enable', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const early = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: '123456' } });
    assert.equal(early.status, 400);
    assert.equal(early.body.error.code, 'MFA_NOT_ENABLED');
    const { secret } = await enableTotp(t, user);
    const again = await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: user.password } });
    assert.equal(again.status, 400);
    assert.equal(again.body.error.code, 'MFA_ALREADY_ENABLED');
    const verifyAgain = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: await codeAt(t, secret) } });
    assert.equal(verifyAgain.body.error.code, 'MFA_ALREADY_ENABLED');
  });

  it('wrong password: 400 INVALID_CREDENTIALS on the field; nothing changes', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const res = await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: 'Not-the-password-1' } });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'INVALID_CREDENTIALS');
    assert.equal(res.body.error.details.validation_errors[0].field, 'password');
    assert.equal(t.store.table(mfaSettingsTable).count({ user_id: user.user.id }), 0);
  });

  it('bad input: 422 with the field for missing, wrong type, too long; 400 for malformed JSON', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const cases: [string, unknown, string, string][] = [
      ['/mfa/enable', {}, 'password', 'required'],
      ['/mfa/enable', { password: 12345678 }, 'password', 'type'],
      ['/mfa/enable', { password: 'x'.repeat(1025) }, 'password', 'max_length'],
      ['/mfa/verify', {}, 'code', 'required'],
      ['/mfa/verify', { code: 123456 }, 'code', 'type'],
      ['/mfa/verify', { code: '1'.repeat(65) }, 'code', 'max_length'],
      ['/mfa/disable', { code: '123456' }, 'password', 'required'],
      ['/mfa/regenerate-backup-codes', { password: null }, 'password', 'required'],
      ['/mfa/sms/enable', { password: user.password }, 'phone_number', 'required'],
      ['/mfa/sms/enable', { password: user.password, phone_number: 4155550123 }, 'phone_number', 'type'],
      ['/mfa/sms/verify', { code: ['1'] }, 'code', 'type'],
    ];
    for (const [path, body, field, type] of cases) {
      const res = await t.request('POST', `/api/v1${path}`, { token, body });
      assert.equal(res.status, 422, `${path} ${JSON.stringify(body)}`);
      assert.equal(res.body.error.code, 'VALIDATION_ERROR');
      assert.deepEqual(
        res.body.error.details.validation_errors.map((e: { field: string; type: string }) => [e.field, e.type]),
        [[field, type]],
        `${path} ${JSON.stringify(body)}`,
      );
    }
    for (const path of MFA_POSTS) {
      const res = await t.request('POST', `/api/v1${path}`, { token, body: '{"password":' });
      assert.equal(res.status, 400, path);
      assert.equal(res.body.error.code, 'INVALID_JSON');
    }
    const array = await t.request('POST', '/api/v1/mfa/enable', { token, body: [] });
    assert.equal(array.status, 422);
  });
});

describe('TOTP replay and backup codes', () => {
  it('a refused first code says why (ext): "expired" for a code of a step that passed, else "invalid"', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const { body } = await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: user.password } });
    const verify = async (code: string) => {
      const res = await t.request('POST', '/api/v1/mfa/verify', { token, body: { code } });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.code, 'INVALID_MFA_CODE');
      return res.body.error.details.reason;
    };
    // A code read off the app and typed a minute and a half late.
    assert.equal(await verify(await codeAt(t, body.secret, -3)), 'expired');
    const recent = new Set(await Promise.all(Array.from({ length: 24 }, (_, i) => codeAt(t, body.secret, 1 - i))));
    assert.equal(await verify(['000000', '111111', '222222', '333333'].find((c) => !recent.has(c))!), 'invalid');
    assert.equal(await verify('not a code'), 'invalid');
    assert.equal((await t.request('POST', '/api/v1/mfa/verify', { token, body: { code: await codeAt(t, body.secret) } })).status, 200);
  });

  it('a code accepted once is refused a second time within its window', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const { body } = await t.request('POST', '/api/v1/mfa/enable', { token, body: { password: user.password } });
    const code = await codeAt(t, body.secret);
    assert.equal((await t.request('POST', '/api/v1/mfa/verify', { token, body: { code } })).status, 200);
    t.clock.advance(5_000);
    const replay = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code } });
    assert.equal(replay.status, 400);
    assert.equal(replay.body.error.code, 'INVALID_MFA_CODE');
    const earlier = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: await codeAt(t, body.secret, -1) } });
    assert.equal(earlier.body.error.code, 'INVALID_MFA_CODE', 'nor an older step once a newer one was used');
    nextStep(t);
    const next = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: await codeAt(t, body.secret) } });
    assert.equal(next.status, 200, 'the next step\'s code works');
  });

  it('disable needs the password and a code when on; then everything is gone', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const { secret } = await enableTotp(t, user);
    const noCode = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password } });
    assert.equal(noCode.status, 422);
    assert.equal(noCode.body.error.details.validation_errors[0].field, 'code');
    const badPassword = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: 'Wrong-password-1', code: await codeAt(t, secret) } });
    assert.equal(badPassword.body.error.code, 'INVALID_CREDENTIALS');
    const badCode = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: 'aaaa-aaaa-aaaa' } });
    assert.equal(badCode.body.error.code, 'INVALID_MFA_CODE');
    const ok = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: await codeAt(t, secret) } });
    assert.equal(ok.status, 200);
    const status = await t.request('GET', '/api/v1/mfa/status', { token });
    assert.deepEqual(status.body, { enabled: false, verified: false, backup_codes_remaining: 0, last_used_at: null, methods: [] });
    assert.equal(t.store.table(backupCodesTable).count({ user_id: user.user.id }), 0);
    const signin = await t.request('POST', '/api/v1/auth/signin', { body: { email: user.user.email, password: user.password } });
    assert.equal(signin.body.mfa_required, false);
    assert.ok(signin.body.tokens.access_token);
  });

  it('a backup code disables once; the same code is refused after', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const { backupCodes } = await enableTotp(t, user);
    const code = backupCodes[3]!.toUpperCase().replace(/-/g, ' ');
    assert.equal((await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code } })).status, 200);
    await enableTotp(t, user);
    const reuse = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: backupCodes[3] } });
    assert.equal(reuse.body.error.code, 'INVALID_MFA_CODE', 'the old set died with the old enrolment');
  });

  it('regenerate needs the password and MFA on; the old set stops working', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const off = await t.request('POST', '/api/v1/mfa/regenerate-backup-codes', { token, body: { password: user.password } });
    assert.equal(off.status, 400);
    assert.equal(off.body.error.code, 'MFA_NOT_ENABLED');
    const { backupCodes } = await enableTotp(t, user);
    const wrong = await t.request('POST', '/api/v1/mfa/regenerate-backup-codes', { token, body: { password: 'Wrong-password-1' } });
    assert.equal(wrong.body.error.code, 'INVALID_CREDENTIALS');
    const res = await t.request('POST', '/api/v1/mfa/regenerate-backup-codes', { token, body: { password: user.password } });
    assert.equal(res.status, 200);
    assert.equal(res.body.backup_codes.length, 10);
    assert.ok(Date.parse(res.body.generated_at));
    assert.equal(res.body.backup_codes.filter((c: string) => backupCodes.includes(c)).length, 0);
    const old = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: backupCodes[0] } });
    assert.equal(old.body.error.code, 'INVALID_MFA_CODE');
    const fresh = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: res.body.backup_codes[0] } });
    assert.equal(fresh.status, 200);
  });

  it('a GET changes nothing', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    await enableTotp(t, user);
    const before = JSON.stringify(t.store.table(mfaSettingsTable).find());
    for (let i = 0; i < 3; i++) await t.request('GET', '/api/v1/mfa/status', { token });
    assert.equal(JSON.stringify(t.store.table(mfaSettingsTable).find()), before);
  });
});

describe('SMS factor', () => {
  it('enable sends a code to the outbox; verify makes SMS a factor', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const sent = await t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: '+44 20 7946 0958' } });
    assert.equal(sent.status, 200);
    const texts = (await t.request('GET', '/api/v1/dev/outbox?to=%2B442079460958')).body;
    assert.equal(texts.length, 1);
    assert.match(texts[0].code, /^\d{6}$/);
    assert.ok(texts[0].text.includes(texts[0].code));
    const wrong = await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code: texts[0].code === '000000' ? '000001' : '000000' } });
    assert.equal(wrong.body.error.code, 'INVALID_MFA_CODE');
    assert.equal(wrong.body.error.details.attempts_remaining, 4);
    const ok = await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code: texts[0].code } });
    assert.equal(ok.status, 200);
    const status = (await t.request('GET', '/api/v1/mfa/status', { token })).body;
    assert.equal(status.enabled, true);
    assert.deepEqual(status.methods, ['sms']);
    const reuse = await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code: texts[0].code } });
    assert.equal(reuse.status, 400, 'an SMS code works once');
  });

  it('refuses phone numbers that are not E.164', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    for (const phone of ['4155550123', '+0155550123', '+1 415', '+1415555012345678', 'call me', '+1-415-555-0123x9']) {
      const res = await t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: phone } });
      assert.equal(res.status, 422, phone);
      assert.equal(res.body.error.details.validation_errors[0].field, 'phone_number');
    }
    assert.equal(t.outbox.list().filter((m) => m.code).length, 0);
  });

  it('an SMS code expires after 5 minutes and dies after 5 wrong tries', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const phone = '+14155550100';
    await t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: phone } });
    t.clock.advance(5 * 60_000 + 1000);
    const late = await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code: lastSmsCode(t, phone) } });
    assert.equal(late.body.error.code, 'INVALID_MFA_CODE');
    assert.equal(late.body.error.details.reason, 'expired');
    await t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: phone } });
    const code = lastSmsCode(t, phone);
    const wrong = code === '999999' ? '999998' : '999999';
    for (let i = 0; i < 5; i++) await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code: wrong } });
    const dead = await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code } });
    assert.equal(dead.status, 400, 'the right code no longer works after 5 wrong ones');
    assert.deepEqual(dead.body.error.details, { reason: 'invalid', attempts_remaining: 0 }, 'it was never given a chance: not "reused"');
  });

  // A fast machine sends both texts in one millisecond: the server's clock is held still here so
  // that both cases happen every run.
  for (const gap of [1, 0]) it(`a refused phone code says why (ext): only a wrong one costs a try (texts ${gap} ms apart)`, async () => {
    let at = Date.now();
    const t = { ...createTestApp({ now: () => at }), clock: { now: () => at, advance: (ms: number) => void (at += ms) } };
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const phone = '+14155550133';
    const send = async () => {
      assert.equal((await t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: phone } })).status, 200);
      return lastSmsCode(t, phone);
    };
    const refusal = async (code: string) => {
      const res = await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code } });
      assert.equal(res.status, 400, JSON.stringify(res.body));
      assert.equal(res.body.error.code, 'INVALID_MFA_CODE');
      return { reason: res.body.error.details.reason, left: res.body.error.details.attempts_remaining };
    };
    const first = await send();
    t.clock.advance(gap);
    const latest = await send();
    // Two codes in 10^6 may coincide; then the first is the latest.
    if (first !== latest) {
      for (let i = 0; i < 6; i++) assert.deepEqual(await refusal(first), { reason: 'replaced', left: 5 }, 'a resend superseded it: no try');
    }
    const wrong = ['000000', '111111', '222222'].find((c) => c !== first && c !== latest)!;
    assert.deepEqual(await refusal(wrong), { reason: 'invalid', left: 4 });
    t.clock.advance(5 * 60_000 + 1);
    assert.deepEqual(await refusal(latest), { reason: 'expired', left: 0 }, 'past its 5 minutes; none is pending');
    const code = await send();
    assert.equal((await t.request('POST', '/api/v1/mfa/sms/verify', { token, body: { code } })).status, 200);
    assert.deepEqual(await refusal(code), { reason: 'reused', left: 0 });
  });

  it('limits texts per account with 429 and Retry-After', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const send = () => t.request('POST', '/api/v1/mfa/sms/enable', { token, body: { password: user.password, phone_number: '+14155550111' } });
    for (let i = 0; i < 5; i++) assert.equal((await send()).status, 200);
    const limited = await send();
    assert.equal(limited.status, 429);
    assert.equal(limited.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(t.outbox.list('+14155550111').length, 5);
  });

  it('limits texts per address too, whatever the account (new accounts are free, texts cost money)', async () => {
    const t = createTestApp();
    const sendFrom = async (ip: string) => {
      const user = await t.signUp();
      return t.request('POST', '/api/v1/mfa/sms/enable', {
        ip, token: user.tokens!.access_token, body: { password: user.password, phone_number: '+88299000111' },
      });
    };
    // Ten accounts from one address (an IPv6 /64 counts as one) get a text each; the eleventh does not.
    for (let i = 0; i < 10; i++) assert.equal((await sendFrom(`2001:db8:1:2::${i + 1}`)).status, 200);
    const limited = await sendFrom('2001:db8:1:2::ff');
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(t.outbox.list('+88299000111').length, 10);
    assert.equal((await sendFrom('198.51.100.7')).status, 200, 'another address is not held back');
  });

  it('a text refused for its account does not use up its address\'s texts (one user retrying behind a shared NAT)', async () => {
    const t = createTestApp();
    const ip = '203.0.113.9';
    const a = await t.signUp();
    const send = (user: typeof a) => t.request('POST', '/api/v1/mfa/sms/enable', {
      ip, token: user.tokens!.access_token, body: { password: user.password, phone_number: '+14155550177' },
    });
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push((await send(a)).status);
    assert.deepEqual(answers, [200, 200, 200, 200, 200, 429, 429, 429, 429, 429]);
    // Five texts left the address, so five more may: another account there still gets its code.
    const b = await t.signUp();
    assert.equal((await send(b)).status, 200);
  });

  it('an SMS-only account asked for a code to disable gets one texted, then disables with it', async () => {
    const t = createTestApp();
    const user = await t.signUp();
    const token = user.tokens!.access_token;
    const phone = '+14155550122';
    await enableSms(t, user, phone);
    const ask = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password } });
    assert.equal(ask.status, 422);
    assert.equal(ask.body.error.details.sms_sent, true);
    nextStep(t);
    const ok = await t.request('POST', '/api/v1/mfa/disable', { token, body: { password: user.password, code: lastSmsCode(t, phone) } });
    assert.equal(ok.status, 200);
    assert.equal((await t.request('GET', '/api/v1/auth/me', { token })).body.mfa_enabled, false);
  });
});
