import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { encode } from 'uqr';
import {
  base32Decode,
  base32Encode,
  checkTotp,
  hotp,
  matchTotp,
  provisioningUri,
  qrCodeDataUri,
  totp,
  totpStep,
} from '../../packages/server/src/mfa/totp.ts';

const ascii = (text: string) => new TextEncoder().encode(text);
/** The RFC seeds: "1234567890" repeated to the hash's key length. */
const SEED_SHA1 = ascii('12345678901234567890');
const SEED_SHA256 = ascii('12345678901234567890123456789012');
const SEED_SHA512 = ascii('1234567890123456789012345678901234567890123456789012345678901234');

describe('HOTP: RFC 4226 Appendix D', () => {
  const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
  for (const [counter, code] of expected.entries()) {
    it(`count ${counter} gives ${code}`, async () => {
      assert.equal(await hotp(SEED_SHA1, counter), code);
    });
  }

  it('refuses a negative or fractional counter', async () => {
    await assert.rejects(hotp(SEED_SHA1, -1), RangeError);
    await assert.rejects(hotp(SEED_SHA1, 1.5), RangeError);
  });
});

describe('TOTP: RFC 6238 Appendix B (8 digits)', () => {
  const rows: [number, string, string, string][] = [
    // unix time, SHA-1, SHA-256, SHA-512
    [59, '94287082', '46119246', '90693936'],
    [1111111109, '07081804', '68084774', '25091201'],
    [1111111111, '14050471', '67062674', '99943326'],
    [1234567890, '89005924', '91819424', '93441116'],
    [2000000000, '69279037', '90698825', '38618901'],
    [20000000000, '65353130', '77737706', '47863826'],
  ];
  for (const [time, sha1, sha256, sha512] of rows) {
    it(`T = ${time}`, async () => {
      assert.equal(await totp(SEED_SHA1, time * 1000, 8, 'SHA-1'), sha1);
      assert.equal(await totp(SEED_SHA256, time * 1000, 8, 'SHA-256'), sha256);
      assert.equal(await totp(SEED_SHA512, time * 1000, 8, 'SHA-512'), sha512);
    });
  }

  it('the step of T = 1111111109 is 0x23523EC', () => {
    assert.equal(totpStep(1111111109 * 1000), 0x23523ec);
  });
});

describe('base32', () => {
  it('encodes the RFC 4648 vectors (unpadded) and decodes them back', () => {
    const vectors: [string, string][] = [['', ''], ['f', 'MY'], ['fo', 'MZXQ'], ['foo', 'MZXW6'], ['foob', 'MZXW6YQ'], ['fooba', 'MZXW6YTB'], ['foobar', 'MZXW6YTBOI']];
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(ascii(plain)), encoded);
      assert.deepEqual(base32Decode(encoded), ascii(plain));
    }
  });

  it('reads secrets as people copy them: lower case, spaces, padding', () => {
    assert.deepEqual(base32Decode('mzxw 6ytb oi======'), ascii('foobar'));
    assert.throws(() => base32Decode('MZXW1'), /invalid character/);
  });

  it('a 160-bit secret is 32 characters', () => {
    assert.equal(base32Encode(new Uint8Array(20)).length, 32);
  });
});

describe('matchTotp', () => {
  const now = 1_800_000_000_000;
  const step = totpStep(now);

  it('accepts the current step and one step either side, not two', async () => {
    for (const delta of [-1, 0, 1]) {
      const code = await hotp(SEED_SHA1, step + delta);
      assert.equal(await matchTotp(SEED_SHA1, code, now, null), step + delta);
    }
    for (const delta of [-2, 2]) {
      const code = await hotp(SEED_SHA1, step + delta);
      assert.equal(await matchTotp(SEED_SHA1, code, now, null), null);
    }
  });

  it('refuses a code of a step already used, or older', async () => {
    const code = await hotp(SEED_SHA1, step);
    assert.equal(await matchTotp(SEED_SHA1, code, now, step), null);
    assert.equal(await matchTotp(SEED_SHA1, await hotp(SEED_SHA1, step - 1), now, step), null);
    assert.equal(await matchTotp(SEED_SHA1, await hotp(SEED_SHA1, step + 1), now, step), step + 1);
  });

  it('refuses anything that is not six digits', async () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '12 345']) assert.equal(await matchTotp(SEED_SHA1, code, now, null), null);
  });
});

describe('checkTotp: why a code is refused', () => {
  const now = 1_800_000_000_000;
  const step = totpStep(now);
  const at = (s: number) => hotp(SEED_SHA1, s);

  it('the step last used is "reused", even once it left the window', async () => {
    assert.deepEqual(await checkTotp(SEED_SHA1, await at(step), now, step), { ok: false, reason: 'reused' });
    assert.deepEqual(await checkTotp(SEED_SHA1, await at(step - 5), now, step - 5), { ok: false, reason: 'reused' });
  });

  it('an older step of the last 10 minutes, or one in the window older than the step used, is "expired"', async () => {
    for (const delta of [-2, -10, -21]) {
      assert.deepEqual(await checkTotp(SEED_SHA1, await at(step + delta), now, null), { ok: false, reason: 'expired' }, `step ${delta}`);
    }
    assert.deepEqual(await checkTotp(SEED_SHA1, await at(step - 1), now, step), { ok: false, reason: 'expired' });
  });

  it('older than that, ahead of the window, or no code at all is "invalid"; the window is still accepted', async () => {
    for (const delta of [-40, 2, 3]) {
      assert.deepEqual(await checkTotp(SEED_SHA1, await at(step + delta), now, null), { ok: false, reason: 'invalid' }, `step ${delta}`);
    }
    assert.deepEqual(await checkTotp(SEED_SHA1, 'abcdef', now, null), { ok: false, reason: 'invalid' });
    assert.deepEqual(await checkTotp(SEED_SHA1, await at(step + 1), now, step), { ok: true, step: step + 1 });
  });
});

describe('provisioning URI and QR code', () => {
  it('follows the Key Uri Format', () => {
    const uri = new URL(provisioningUri('JBSWY3DPEHPK3PXP', 'ada@example.com', 'Janua'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/Janua:ada@example.com');
    assert.equal(uri.searchParams.get('secret'), 'JBSWY3DPEHPK3PXP');
    assert.equal(uri.searchParams.get('issuer'), 'Janua');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
    assert.equal(uri.searchParams.get('algorithm'), 'SHA1');
  });

  it('renders an SVG data URI with a square module grid', () => {
    const text = 'otpauth://totp/Janua:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=Janua';
    const uri = qrCodeDataUri(text);
    const match = /^data:image\/svg\+xml;base64,(.+)$/.exec(uri);
    assert.ok(match);
    const svg = atob(match[1]!);
    const size = Number(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
    assert.ok(size >= 21 + 8, 'at least a version-1 symbol plus the quiet zone');
    assert.doesNotMatch(svg, /<script/i);
    assert.ok(uri.length < 8000, `a compact image (${uri.length} bytes)`);
    // Paint the runs back into a grid and compare with the encoder's own modules.
    const grid = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
    for (const [, x, y, w] of svg.matchAll(/M(\d+) (\d+)h(\d+)v1H\d+z/g)) {
      for (let i = 0; i < Number(w); i++) grid[Number(y)]![Number(x) + i] = true;
    }
    assert.deepEqual(grid, encode(text, { ecc: 'M', border: 4 }).data);
  });
});
