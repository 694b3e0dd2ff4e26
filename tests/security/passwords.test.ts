/** Password rules (NIST SP 800-63B 5.1.1.2) and the hash: one property per test. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createNodeHasher, createScryptHasher } from '../../packages/server/src/node.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';
import { freshIp, signIn } from './helpers.ts';

const signUp = (t: ReturnType<typeof createTestApp>, password: string, email = `p${Math.random().toString(36).slice(2)}@example.test`) =>
  t.request('POST', '/api/v1/auth/signup', { body: { email, password }, ip: freshIp() });

describe('passwords', () => {
  it('refuses the passwords the issue found accepted, each with a machine-readable reason', async () => {
    const t = createTestApp();
    for (const password of ['Password1!', 'Welcome1!', 'Qwerty123!', 'P@ssw0rd1', 'Summer2024!', '        ', 'iloveyou2', 'Monkey123!']) {
      const res = await signUp(t, password);
      assert.equal(res.status, 400, JSON.stringify(password));
      assert.equal(res.body.error.code, 'WEAK_PASSWORD');
      const [error] = res.body.error.details.validation_errors;
      assert.equal(error.field, 'password');
      assert.match(error.type, /^password_(breached|common|weak)$/, `${JSON.stringify(password)}: ${error.type}`);
      assert.ok(error.message.length > 10);
    }
    assert.equal((await signUp(t, 'password')).body.error.details.validation_errors[0].type, 'password_breached');
  });

  it('refuses a password that is or contains the email or username', async () => {
    const t = createTestApp();
    const equal = await signUp(t, 'margaret.hamilton@example.test', 'margaret.hamilton@example.test');
    assert.equal(equal.body.error.details.validation_errors[0].type, 'password_contains_email');
    const contains = await signUp(t, 'hamilton1936', 'hamilton@example.test');
    assert.equal(contains.body.error.details.validation_errors[0].type, 'password_contains_email');
    const username = await t.request('POST', '/api/v1/auth/signup', { body: { email: 'u@example.test', username: 'apollo-guidance', password: 'apollo-guidance' }, ip: freshIp() });
    assert.equal(username.body.error.details.validation_errors[0].type, 'password_contains_username');
  });

  it('accepts a long passphrase and a strong random password; checks reset and change the same way', async () => {
    const t = createTestApp();
    assert.equal((await signUp(t, 'correct horse battery staple')).status, 201);
    const up = await signUp(t, 'kY7#mQ2!pL-9vR');
    assert.equal(up.status, 201);
    const change = await t.request('POST', '/api/v1/auth/password/change', { token: up.body.tokens.access_token, body: { current_password: 'kY7#mQ2!pL-9vR', new_password: 'Password1!' } });
    assert.equal(change.status, 400);
    assert.equal(change.body.error.details.validation_errors[0].field, 'new_password');
  });

  it('refuses lone UTF-16 surrogates everywhere (they would hash alike as U+FFFD)', async () => {
    const t = createTestApp();
    const res = await signUp(t, 'Lone-\ud800-surrogate-9');
    assert.equal(res.status, 422);
    assert.equal(res.body.error.details.validation_errors[0].field, 'password');
    const name = await t.request('POST', '/api/v1/auth/signup', { body: { email: 's@example.test', password: 'Valid-password-1', first_name: 'A\udc00' }, ip: freshIp() });
    assert.equal(name.status, 422);
    const signin = await signIn(t, 'x@example.test', '\udfff-abcdefgh');
    assert.equal(signin.status, 422);
  });

  it('does not truncate: 128 characters that differ only in the last one are different passwords', async () => {
    const t = createTestApp();
    const long = `${'Tr0ub4dor&3-horse-'.repeat(8)}`.slice(0, 127);
    const up = await signUp(t, `${long}A`, 'long@example.test');
    assert.equal(up.status, 201);
    assert.equal((await signIn(t, 'long@example.test', `${long}B`)).status, 401);
    assert.equal((await signIn(t, 'long@example.test', `${long}A`)).status, 200);
    assert.equal((await signUp(t, `${long}AB`)).status, 422, 'over 128 characters is a field error, not a silent cut');
  });

  it('normalizes with NFKC: composed and decomposed accents, full-width and ligature forms are the same password', async () => {
    const t = createTestApp();
    assert.equal((await signUp(t, 'Caf\u00e9-au-lait-1843', 'nfkc@example.test')).status, 201);
    assert.equal((await signIn(t, 'nfkc@example.test', 'Cafe\u0301-au-lait-1843')).status, 200);
    assert.equal((await signUp(t, '\ufb01ne-Wine-\uff11\uff18\uff14\uff13', 'wide@example.test')).status, 201);
    assert.equal((await signIn(t, 'wide@example.test', 'fine-Wine-1843')).status, 200);
  });

  it('hashes with Argon2id at or above OWASP (m = 64 MiB, t = 3, p = 1) and rehashes an old scrypt hash at sign-in', async () => {
    const hasher = createNodeHasher();
    const t = createTestApp({ hasher });
    const up = await signUp(t, 'Owasp-argon2id-2026', 'owasp@example.test');
    const row = t.app.ctx.users.get(up.body.user.id)!;
    assert.match(row.password_hash!, /^\$argon2id\$v=19\$m=65536,t=3,p=1\$/);
    const old = await createScryptHasher({ log2N: 10, insecureForTests: true }).hash('Owasp-argon2id-2026');
    t.app.ctx.users.update(row.id, { password_hash: old });
    assert.equal((await signIn(t, 'owasp@example.test', 'Owasp-argon2id-2026')).status, 200, 'the old hash still verifies');
    assert.match(t.app.ctx.users.get(row.id)!.password_hash!, /^\$argon2id\$v=19\$m=65536,t=3,p=1\$/, 'and was replaced');
    assert.equal((await signIn(t, 'owasp@example.test', 'Owasp-argon2id-2026')).status, 200);
  });
});
