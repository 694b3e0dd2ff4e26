/** Per-address limits count an IPv6 client by its /64, and an IPv4-mapped address as its IPv4 address. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressKey } from '../../packages/server/src/http/address.ts';
import { createTestApp } from '../../packages/server/src/testing.ts';

describe('addressKey', () => {
  it('keys an IPv6 address by its /64, whatever its spelling', () => {
    const key = addressKey('2001:db8:1:2::1');
    assert.equal(key, '2001:db8:1:2::/64');
    for (const same of ['2001:db8:1:2:ffff:ffff:ffff:fffe', '2001:0DB8:0001:0002:0:0:0:9', '[2001:db8:1:2::7]', '2001:db8:1:2::1%eth0']) {
      assert.equal(addressKey(same), key, same);
    }
    assert.notEqual(addressKey('2001:db8:1:3::1'), key, 'the next /64 is another client');
    assert.equal(addressKey('::1'), '0:0:0:0::/64');
    assert.equal(addressKey('1:2:3:4:5:6:7.8.9.10'), '1:2:3:4::/64');
  });

  it('keys an IPv4-mapped address as the IPv4 address, and leaves IPv4 and non-addresses as they are', () => {
    assert.equal(addressKey('::ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(addressKey('::FFFF:c000:0201'), '192.0.2.1');
    assert.equal(addressKey('0:0:0:0:0:ffff:192.0.2.1'), '192.0.2.1');
    assert.equal(addressKey('192.0.2.1'), '192.0.2.1');
    for (const other of ['unknown', '', '2001:db8::1::2', '1:2:3:4:5:6:7:8:9', '12345::', '::ffff:300.1.1.1', ':1:2:3:4:5:6:7']) {
      assert.equal(addressKey(other), other, other);
    }
  });
});

describe('per-address limits with IPv6 clients', () => {
  it('sign-in: 50 attempts from one /64, each from its own address, and the 51st is refused; another /64 goes on', async () => {
    const t = createTestApp();
    const attempt = (ip: string, i: number) =>
      t.request('POST', '/api/v1/auth/signin', { body: { email: `ghost${i}@example.test`, password: 'Wrong-password-42' }, ip });
    for (let i = 0; i < 50; i++) assert.equal((await attempt(`2001:db8:aa:1:${(i + 1).toString(16)}::1`, i)).status, 401);
    const limited = await attempt('2001:db8:aa:1:ffff::99', 50);
    assert.equal(limited.status, 429);
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal((await attempt('2001:db8:aa:2::1', 51)).status, 401);
  });

  it('an IPv4 client counts the same over IPv4 and as IPv4-mapped IPv6', async () => {
    const t = createTestApp();
    const attempt = (ip: string, i: number) =>
      t.request('POST', '/api/v1/auth/signin', { body: { email: `ghost${i}@example.test`, password: 'Wrong-password-42' }, ip });
    for (let i = 0; i < 50; i++) await attempt(i % 2 ? '198.51.100.20' : '::ffff:198.51.100.20', i);
    assert.equal((await attempt('198.51.100.20', 50)).status, 429);
    assert.equal((await attempt('::ffff:c633:6414', 51)).status, 429);
  });

  it('sign-up, forgot password, reset and MFA verify count a /64 as one client', async () => {
    const t = createTestApp();
    const cases: [string, unknown][] = [
      ['/api/v1/auth/signup', { email: 'not-an-email', password: 'Valid-password-1' }],
      ['/api/v1/auth/password/forgot', { email: 'someone@example.test' }],
      ['/api/v1/auth/password/reset', { token: 'x'.repeat(43), new_password: 'Brand-new-secret-77' }],
      ['/api/v1/mfa/challenge/verify', { mfa_token: 'x'.repeat(43), code: '123456' }],
    ];
    for (const [n, [path, body]] of cases.entries()) {
      let limited;
      for (let i = 1; i <= 60 && !limited; i++) {
        const res = await t.request('POST', path, { body, ip: `2001:db8:bb:${n}:${i.toString(16)}::1` });
        if (res.status === 429) limited = res;
      }
      assert.ok(limited, `${path}: limited across one /64`);
      assert.equal(limited.body.error.code, 'RATE_LIMITED');
      assert.notEqual((await t.request('POST', path, { body, ip: `2001:db8:bc:${n}::1` })).status, 429, `${path}: another /64 is not limited`);
    }
  });
});
