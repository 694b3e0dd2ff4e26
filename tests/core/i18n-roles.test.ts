import { test } from 'node:test';
import assert from 'node:assert/strict';
import { enOrg, format, loadCatalog, locales } from '../../packages/core/src/index.ts';

/*
 * A role inside a sentence is chosen by its code in the sentence itself (`{role, select, …}`),
 * so each language can give it the case, article and grammar the sentence needs; the title-case
 * label (`org.role.*`) is for menus and badges only.
 */

const ROLES = ['owner', 'admin', 'member', 'viewer'] as const;
const KEYS = ['org.roleChanged', 'org.invited'] as const;
const params = (role: string) => ({ name: 'Ada', email: 'ada@example.com', role });

async function catalogOf(locale: string): Promise<Record<string, string>> {
  return locale === 'en' ? enOrg : ((await loadCatalog(locale)) as Record<string, string>);
}

test('English says "an owner", "a viewer", not the label', () => {
  assert.equal(format(enOrg['org.roleChanged'], params('admin'), 'en'), 'Ada is now an admin.');
  assert.equal(format(enOrg['org.roleChanged'], params('owner'), 'en'), 'Ada is now an owner.');
  assert.equal(format(enOrg['org.invited'], params('member'), 'en'), 'ada@example.com is invited as a member.');
  assert.equal(format(enOrg['org.invited'], params('viewer'), 'en'), 'ada@example.com is invited as a viewer.');
});

test('French names the role in lower case, without assuming a gender', async () => {
  const fr = await catalogOf('fr');
  assert.equal(format(fr['org.roleChanged']!, params('owner'), 'fr'), 'Ada a maintenant le rôle de propriétaire.');
  assert.equal(format(fr['org.roleChanged']!, params('admin'), 'fr'), 'Ada a maintenant le rôle d’administrateur.');
  assert.equal(format(fr['org.invited']!, params('member'), 'fr'), 'ada@example.com a reçu une invitation avec le rôle de membre.');
});

test('Spanish, Italian and Portuguese: the role, lower case, after a neutral "the role of"', async () => {
  const expected: Record<string, [string, string]> = {
    es: ['Ada tiene ahora el rol de propietario.', 'ada@example.com tiene una invitación con el rol de lector.'],
    it: ['Ada ha ora il ruolo di proprietario.', 'ada@example.com ha ricevuto un invito con il ruolo di lettore.'],
    'pt-BR': ['Ada agora tem a função de proprietário.', 'ada@example.com recebeu um convite com a função de leitor.'],
  };
  for (const [locale, [changed, invited]] of Object.entries(expected)) {
    const c = await catalogOf(locale);
    assert.equal(format(c['org.roleChanged']!, params('owner'), locale), changed, locale);
    assert.equal(format(c['org.invited']!, params('viewer'), locale), invited, locale);
  }
  const de = await catalogOf('de');
  assert.equal(format(de['org.roleChanged']!, params('owner'), 'de'), 'Ada hat jetzt die Rolle Inhaber.');
});

test('in every locale each role reads differently, is translated, and never leaves the code or a brace showing', async () => {
  for (const locale of locales) {
    const catalog = await catalogOf(locale);
    for (const key of KEYS) {
      const readings = ROLES.map((role) => format(catalog[key]!, params(role), locale));
      assert.equal(new Set(readings).size, ROLES.length, `${locale}: ${key} names each role: ${readings.join(' | ')}`);
      for (const [i, reading] of readings.entries()) {
        assert.doesNotMatch(reading, /[{}]/, `${locale}: ${key} reads "${reading}"`);
        if (locale !== 'en') assert.doesNotMatch(reading, /\b(owner|admin|member|viewer)\b/, `${locale}: ${key} shows the code in "${reading}"`);
        // Latin-script languages that write roles in lower case do not drop in the capitalized label.
        const label = catalog[`org.role.${ROLES[i]}`]!;
        if (['en', 'fr', 'es', 'it', 'pt-BR'].includes(locale)) assert.ok(!reading.includes(label), `${locale}: "${reading}" holds the label "${label}"`);
      }
    }
  }
});

test('French, Spanish, Italian and Portuguese do not make the person grammatically masculine', async () => {
  // Whole words: `\b` is ASCII-only, so it would not end "invité".
  const words = (alternatives: string) => new RegExp(`(?<!\\p{L})(${alternatives})(?!\\p{L})`, 'iu');
  const masculine: Record<string, RegExp> = {
    fr: words('(est|été) invité|est (propriétaire|administrateur|membre|lecteur)'),
    es: words('(es|está) (invitado|propietario|administrador|miembro|lector)'),
    it: words('è (invitato|proprietario|amministratore|membro|lettore)'),
    'pt-BR': words('é (convidado|proprietário|administrador|membro|leitor)'),
  };
  for (const [locale, rule] of Object.entries(masculine)) {
    const catalog = await catalogOf(locale);
    for (const key of KEYS) for (const role of ROLES) assert.doesNotMatch(format(catalog[key]!, params(role), locale), rule, `${locale}: ${key} ${role}`);
  }
});

test('a role no catalog knows (a server\'s own) is said as the server names it, in every language: never as "viewer"', async () => {
  for (const locale of locales) {
    const catalog = await catalogOf(locale);
    for (const key of KEYS) {
      const text = format(catalog[key]!, params('billing'), locale);
      assert.ok(text.includes('billing'), `${locale} ${key}: ${text}`);
      assert.notEqual(text, format(catalog[key]!, params('viewer'), locale), `${locale} ${key}`);
    }
  }
});
