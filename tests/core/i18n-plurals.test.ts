import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format, loadCatalog } from '../../packages/core/src/index.ts';

/*
 * Portuguese (Brazil) and French put 0 in the "one" category with 1. The server does send 0
 * (`attempts_remaining`, backup codes all used), so where the singular reads wrong for none the
 * catalog says it with an exact `=0` branch.
 */

const catalog = async (locale: string) => (await loadCatalog(locale)) as Record<string, string>;

test('Intl.PluralRules does put 0 with 1 in pt-BR and fr (why the =0 branches exist)', () => {
  assert.equal(new Intl.PluralRules('pt-BR').select(0), 'one');
  assert.equal(new Intl.PluralRules('fr').select(0), 'one');
});

test('pt-BR: no tries left and no unused codes read as none, not as one', async () => {
  const pt = await catalog('pt-BR');
  const attempts = (count: number) => format(pt['mfa.error.attempts']!, { count }, 'pt-BR');
  assert.equal(attempts(0), 'Não resta nenhuma tentativa para este login.');
  assert.equal(attempts(1), 'Resta 1 tentativa para este login.');
  assert.equal(attempts(2), 'Restam 2 tentativas para este login.');
  const left = (count: number) => format(pt['account.codesLeft']!, { count }, 'pt-BR');
  assert.equal(left(0), '0 não usados');
  assert.equal(left(1), '1 não usado');
  assert.equal(left(10), '10 não usados');
});

test('pt-BR: no plural that can show 0 falls into its singular at 0', async () => {
  const pt = await catalog('pt-BR');
  // Counts the server or the client can make 0. (A retry wait is never 0: form-controller shows it only when positive.)
  for (const key of ['mfa.error.attempts', 'account.codesLeft']) {
    assert.match(pt[key]!, /=0 \{/, `${key} has a =0 branch`);
    assert.notEqual(format(pt[key]!, { count: 0 }, 'pt-BR'), format(pt[key]!, { count: 1 }, 'pt-BR').replace('1', '0'), key);
  }
});

test('fr: the singular at 0 is correct French, so it stays', async () => {
  const fr = await catalog('fr');
  assert.equal(format(fr['mfa.error.attempts']!, { count: 0 }, 'fr'), 'Il reste 0 essai pour cette connexion.');
  assert.equal(format(fr['mfa.error.attempts']!, { count: 2 }, 'fr'), 'Il reste 2 essais pour cette connexion.');
  assert.equal(format(fr['account.codesLeft']!, { count: 0 }, 'fr'), '0 code inutilisé');
});

test('format: an exact =0 wins over the category 0 belongs to', () => {
  const t = '{n, plural, =0 {none} one {# one} other {# many}}';
  assert.equal(format(t, { n: 0 }, 'pt-BR'), 'none');
  assert.equal(format(t, { n: 1 }, 'pt-BR'), '1 one');
  assert.equal(format('{n, plural, one {# one} other {# many}}', { n: 0 }, 'pt-BR'), '0 one');
});
