import { test } from 'node:test';
import assert from 'node:assert/strict';
import { direction, loadCatalog, localeChain, registerCatalog } from '../../packages/core/src/index.ts';

/*
 * The kit ships Simplified Chinese only. A Traditional Chinese reader (Taiwan, Hong Kong, Macau,
 * or the Hant script named) gets English rather than a script they did not ask for.
 */

const SIMPLIFIED = ['zh', 'zh-CN', 'zh-SG', 'zh-Hans', 'zh-Hans-CN', 'zh-Hans-HK', 'zh_CN', 'ZH-cn'];
const TRADITIONAL = ['zh-TW', 'zh-HK', 'zh-MO', 'zh-Hant', 'zh-Hant-TW', 'zh-Hant-HK', 'zh-Hant-CN', 'zh_TW', 'ZH-hk'];

test('zh, zh-CN, zh-SG and zh-Hans load the Simplified catalog', async () => {
  const simplified = await loadCatalog('zh-CN');
  assert.equal(simplified?.['signIn.title'], '登录');
  for (const tag of SIMPLIFIED) assert.equal(await loadCatalog(tag), simplified, tag);
});

test('zh-TW, zh-HK, zh-MO and zh-Hant fall back to English, not Simplified', async () => {
  for (const tag of TRADITIONAL) {
    assert.equal(await loadCatalog(tag), null, tag);
    assert.ok(!localeChain(tag).includes('zh'), `${tag}: ${localeChain(tag).join(' → ')}`);
    assert.equal(direction(tag), 'ltr', tag);
  }
});

test('an app can ship Traditional Chinese once, as zh-Hant, for every Traditional tag', async () => {
  const hant = { 'signIn.title': '登入' };
  registerCatalog('zh-Hant', hant);
  try {
    for (const tag of TRADITIONAL) assert.equal((await loadCatalog(tag))?.['signIn.title'], '登入', tag);
    assert.equal((await loadCatalog('zh-CN'))?.['signIn.title'], '登录');
  } finally {
    registerCatalog('zh-Hant', {});
  }
});

test('other languages keep their base language', () => {
  assert.deepEqual(localeChain('fr-CA'), ['fr-ca', 'fr']);
  assert.deepEqual(localeChain('pt_BR'), ['pt-br', 'pt']);
  assert.deepEqual(localeChain('zh-SG'), ['zh-sg', 'zh']);
  assert.deepEqual(localeChain('zh-TW'), ['zh-tw', 'zh-hant']);
  assert.deepEqual(localeChain('zh-Hant'), ['zh-hant']);
});
