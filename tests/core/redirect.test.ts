import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeRedirect, JanuaClient } from '../../packages/core/src/index.ts';

const base = 'https://app.example.com/account/sign-in?x=1';
const opts = { base, allowlist: ['https://docs.example.com', 'not a url', 'javascript:alert(1)'], fallback: '/home' };

test('same-origin targets come back as path + query + hash', () => {
  const cases: [string, string][] = [
    ['/dashboard', '/dashboard'],
    ['/dashboard?tab=2#top', '/dashboard?tab=2#top'],
    ['settings', '/account/settings'],
    ['../billing', '/billing'],
    ['?step=2', '/account/sign-in?step=2'],
    ['#section', '/account/sign-in?x=1#section'],
    ['https://app.example.com/orders/7', '/orders/7'],
    ['HTTPS://APP.EXAMPLE.COM/orders', '/orders'],
    ['/search?q=a%20b', '/search?q=a%20b'],
  ];
  for (const [target, expected] of cases) {
    assert.equal(safeRedirect(target, opts), expected, `target ${JSON.stringify(target)}`);
  }
});

test('allowlisted origins come back as full URLs', () => {
  assert.equal(safeRedirect('https://docs.example.com/guide?a=1#b', opts), 'https://docs.example.com/guide?a=1#b');
  // Same host on another scheme or port is another origin.
  assert.equal(safeRedirect('http://docs.example.com/guide', opts), '/home');
  assert.equal(safeRedirect('https://docs.example.com:8443/guide', opts), '/home');
});

test('nasty targets fall back', () => {
  const nasty = [
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'blob:https://app.example.com/uuid',
    'file:///etc/passwd',
    'mailto:a@b.c',
    '//evil.com',
    '//evil.com/path',
    '///evil.com',
    '/\\evil.com',
    '\\\\evil.com',
    '\\/evil.com',
    '/\\/evil.com',
    ' //evil.com',
    '\n//evil.com',
    '\t/\\evil.com',
    '/\t/evil.com',
    '\u0000//evil.com',
    '\u200b//evil.com',
    '\u3000//evil.com',
    'https:evil.com',
    'https:/evil.com',
    'http:evil.com',
    'https:///evil.com',
    'https://evil.com',
    'https://evil.com/app.example.com',
    'https://app.example.com.evil.com/',
    'https://app.example.com@evil.com',
    'https://app.example.com:@evil.com',
    'https://user:pass@app.example.com/',
    'https://evil.com#https://app.example.com',
    'ftp://app.example.com/',
    'http://app.example.com/', // http is not the page's origin (https)
    '',
    'x'.repeat(3000),
  ];
  for (const target of nasty) {
    assert.equal(safeRedirect(target, opts), '/home', `target ${JSON.stringify(target)}`);
  }
  assert.equal(safeRedirect(null, opts), '/home');
  assert.equal(safeRedirect(undefined, opts), '/home');
  assert.equal(safeRedirect(42 as unknown as string, opts), '/home');
});

test('paths that normalize to "//" never come back protocol-relative', () => {
  for (const target of ['/.//evil.com', '/a/..//evil.com', 'https://app.example.com//evil.com', '/%2e//evil.com']) {
    const out = safeRedirect(target, opts);
    assert.ok(!out.startsWith('//'), `${JSON.stringify(target)} gave ${out}`);
    // Whatever it became, it stays on our origin.
    assert.equal(new URL(out, base).origin, 'https://app.example.com', `${JSON.stringify(target)} gave ${out}`);
  }
});

test('a base that is not a URL falls back instead of throwing', () => {
  assert.equal(safeRedirect('/ok', { base: 'nonsense', fallback: '/f' }), '/f');
});

test('client.resolveRedirect uses the client allowlist and the api as base when there is no page', () => {
  const client = new JanuaClient({
    api: 'https://auth.example.com/', restore: false, crossTab: false,
    redirectAllowlist: ['https://app.example.com'],
  });
  try {
    assert.equal(client.resolveRedirect('https://app.example.com/after?x=1'), 'https://app.example.com/after?x=1');
    assert.equal(client.resolveRedirect('/local'), '/local');
    assert.equal(client.resolveRedirect('//evil.com'), '/');
    assert.equal(client.resolveRedirect('javascript:alert(1)', '/safe'), '/safe');
    assert.equal(client.resolveRedirect(null, '/safe'), '/safe');
  } finally {
    client.destroy();
  }
});
