/** mfa(client) against the real server: TOTP codes computed from the real secret, SMS codes read from the outbox. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { account, JanuaError, mfa } from '../../packages/core/src/index.ts';
import { codeAt, lastSmsCode, nextStep } from '../server/helpers/mfa.ts';
import { containsSecret, harness } from './helpers.ts';
import { listen, signedUp, since, until } from './env.ts';

test('status, then authenticator-app setup: enable, confirm, user.mfaEnabled here and in other tabs', async () => {
  const h = await harness();
  const spy = listen();
  try {
    const { client, email, password } = await signedUp(h, { crossTab: true });
    const tab2 = h.client({ crossTab: true });
    await tab2.signIn({ email, password });
    const m = mfa(client);
    const status = m.status;
    status.subscribe(() => undefined);
    const other = mfa(tab2).status;
    other.subscribe(() => undefined);
    await until(() => status.getSnapshot().status === 'ready' && other.getSnapshot().status === 'ready', 'both statuses');
    assert.deepEqual(status.getSnapshot().data, { enabled: false, verified: false, backupCodesRemaining: 0, lastUsedAt: null, methods: [] });

    const wrong = await m.enable('not the password').catch((e: unknown) => e);
    assert.ok(wrong instanceof JanuaError);
    assert.equal(wrong.code, 'INVALID_CREDENTIALS');
    assert.equal(wrong.status, 400, 'a 400, not a 401 that would mean "refresh and retry"');
    assert.equal(typeof wrong.fieldErrors.password, 'string');
    assert.equal(client.getSnapshot().status, 'signed-in');

    const beforeEnable = h.calls.length;
    const setup = await m.enable(password);
    // The new backup codes count: both tabs refetch.
    await until(() => since(h, beforeEnable).filter((c) => c === 'GET /mfa/status 200').length === 2
      && status.getSnapshot().status === 'ready' && other.getSnapshot().status === 'ready', 'refetches after enable');
    assert.equal(status.getSnapshot().data?.backupCodesRemaining, 10);
    assert.deepEqual(Object.keys(setup).sort(), ['backupCodes', 'provisioningUri', 'qrCode', 'secret']);
    assert.match(setup.qrCode, /^data:image\//);
    assert.match(setup.provisioningUri, /^otpauth:\/\/totp\//);
    assert.equal(setup.backupCodes.length, 10);
    assert.equal(client.getSnapshot().user?.mfaEnabled, false, 'not on until the first code checks out');

    const from = h.calls.length;
    await m.confirm(await codeAt(h.app, setup.secret));
    assert.equal(client.getSnapshot().user?.mfaEnabled, true);
    await until(() => tab2.getSnapshot().user?.mfaEnabled === true, 'the other tab to see it');
    await until(() => status.getSnapshot().data?.enabled === true && other.getSnapshot().data?.enabled === true, 'both refetched');
    assert.deepEqual(status.getSnapshot().data?.methods, ['totp', 'backup_code']);
    assert.equal(status.getSnapshot().data?.backupCodesRemaining, 10);
    assert.deepEqual(since(h, from).filter((c) => c.startsWith('POST')), ['POST /mfa/verify 200']);
    assert.equal(since(h, from).filter((c) => c === 'GET /mfa/status 200').length, 2, 'one refetch per tab');

    // What the setup showed once stays out of everything shared.
    const shared = [client.getSnapshot(), tab2.getSnapshot(), status.getSnapshot(), spy.messages];
    for (const secret of [setup.secret, ...setup.backupCodes]) assert.equal(JSON.stringify(shared).includes(secret), false);
    assert.equal(containsSecret(shared, h.secrets), false);
  } finally {
    spy.close();
    h.destroy();
  }
});

test('backup codes regenerate; the old set stops working, a new code signs in; disable needs a code', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h);
    const m = mfa(client);
    const { secret, backupCodes: first } = await m.enable(password);
    await m.confirm(await codeAt(h.app, secret));
    const again = await m.regenerateBackupCodes(password);
    assert.equal(again.backupCodes.length, 10);
    assert.ok(!Number.isNaN(Date.parse(again.generatedAt)));

    const signer = h.client();
    await signer.signIn({ email, password });
    const old = await signer.verifyMfa({ code: first[0]! }).catch((e: unknown) => e);
    assert.ok(old instanceof JanuaError && old.code === 'INVALID_MFA_CODE');
    assert.equal((await signer.verifyMfa({ code: again.backupCodes[0]! })).status, 'complete');

    const needsCode = await m.disable({ password }).catch((e: unknown) => e);
    assert.ok(needsCode instanceof JanuaError && needsCode.code === 'VALIDATION_ERROR');
    assert.equal(typeof needsCode.fieldErrors.code, 'string');
    assert.equal(client.getSnapshot().user?.mfaEnabled, true);
    nextStep(h.app);
    await m.disable({ password, code: await codeAt(h.app, secret) });
    assert.equal(client.getSnapshot().user?.mfaEnabled, false);
    assert.deepEqual(await m.status.load(), { enabled: false, verified: false, backupCodesRemaining: 0, lastUsedAt: null, methods: [] });
    const plain = h.client();
    assert.equal((await plain.signIn({ email, password })).status, 'complete');
  } finally {
    h.destroy();
  }
});

test('SMS as a factor: a code to the phone, confirmed, then offered at sign-in', async () => {
  const h = await harness();
  try {
    const { client, email, password } = await signedUp(h);
    const m = mfa(client);
    const bad = await m.enableSms({ password, phoneNumber: '12' }).catch((e: unknown) => e);
    assert.ok(bad instanceof JanuaError && bad.code === 'VALIDATION_ERROR');
    assert.equal(typeof bad.fieldErrors.phone_number, 'string');

    await m.enableSms({ password, phoneNumber: '+1 415 555 0199' });
    assert.deepEqual(h.calls.at(-1)?.body, { password, phone_number: '+1 415 555 0199' });
    assert.equal(client.getSnapshot().user?.mfaEnabled, false);
    const wrong = await m.confirmSms('000000').catch((e: unknown) => e);
    assert.ok(wrong instanceof JanuaError && wrong.code === 'INVALID_MFA_CODE');
    await m.confirmSms(lastSmsCode(h.app, '+14155550199'));
    assert.equal(client.getSnapshot().user?.mfaEnabled, true);
    assert.deepEqual((await m.status.load()).methods, ['sms']);

    const signer = h.client();
    await signer.signIn({ email, password });
    assert.deepEqual(signer.getSnapshot().pending?.methods, ['sms']);
  } finally {
    h.destroy();
  }
});

test('signed out, the module\'s writes get the server\'s 401 and its status stays empty', async () => {
  const h = await harness();
  try {
    const { client } = await signedUp(h);
    const m = mfa(client);
    await m.status.load();
    await client.signOut();
    assert.equal(m.status.getSnapshot().status, 'idle');
    const error = await m.enable('whatever-password').catch((e: unknown) => e);
    assert.ok(error instanceof JanuaError && error.status === 401);
  } finally {
    h.destroy();
  }
});

test('a server without the extensions: status with no `methods` means the app once on, no SMS; a 404 on SMS or export hides it', async () => {
  const h = await harness();
  try {
    // The contract's core (docs/api.md): `methods`, the SMS routes and the export are (ext).
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const path = new URL(new Request(input, init).url).pathname.replace(/^\/api\/v1/, '');
      if (/^\/mfa\/sms\/|^\/users\/me\/export$/.test(path)) return Response.json({ detail: 'Not Found' }, { status: 404 });
      const res = await h.fetch(input, init);
      if (path !== '/mfa/status' || !res.ok) return res;
      const { methods: _, ...bare } = (await res.json()) as Record<string, unknown>;
      return Response.json(bare);
    };
    const { client, password } = await signedUp(h, { fetch });
    const m = mfa(client);
    assert.equal(m.smsAvailable, true, 'offered until the server says otherwise');
    assert.deepEqual((await m.status.load()).methods, []);
    assert.equal(m.smsAvailable, false, 'a status without `methods` is a server without SMS');
    const setup = await m.enable(password);
    await m.confirm(await codeAt(h.app, setup.secret));
    assert.deepEqual((await m.status.load()).methods, ['totp', 'backup_code']);

    const { client: fresh, password: freshPassword } = await signedUp(h, { fetch });
    const sms = await mfa(fresh).enableSms({ password: freshPassword, phoneNumber: '+14155550199' }).catch((e: unknown) => e);
    assert.ok(sms instanceof JanuaError && sms.status === 404);
    assert.equal(mfa(fresh).smsAvailable, false);
    const a = account(fresh);
    assert.equal(a.exportAvailable, true);
    const exported = await a.exportData().catch((e: unknown) => e);
    assert.ok(exported instanceof JanuaError && exported.code === 'NOT_FOUND');
    assert.equal(a.exportAvailable, false);
  } finally {
    h.destroy();
  }
});
