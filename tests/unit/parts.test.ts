import { expect, fixture, html } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import '../../components/index.ts';
import { PASSWORD, startServer, uniqueEmail, until } from './helpers.ts';

/*
 * Every `::part()` an element's shadow root exposes is documented (`@csspart`, so it is in
 * custom-elements.json, Storybook and the editors' typings): the parts found in the rendered
 * card, signed out and, for the sign-in cards, signed in (`exportparts` names count as the
 * element's own). A part added without its doc line fails here.
 */

interface Manifest { modules: { declarations?: { tagName?: string; cssParts?: { name: string }[] }[] }[] }

let documented: Map<string, Set<string>>;

before(async () => {
  const manifest = (await (await fetch('/components/custom-elements.json')).json()) as Manifest;
  documented = new Map(manifest.modules.flatMap((m) => m.declarations ?? [])
    .filter((d) => d.tagName).map((d) => [d.tagName!, new Set((d.cssParts ?? []).map((p) => p.name))]));
});

/** The part names an element's shadow root exposes, its `exportparts` renamings included. */
function exposed(el: Element): string[] {
  const names = new Set<string>();
  for (const node of el.shadowRoot!.querySelectorAll('[part], [exportparts]')) {
    for (const name of (node.getAttribute('part') ?? '').split(/\s+/)) if (name) names.add(name);
    for (const pair of (node.getAttribute('exportparts') ?? '').split(',')) {
      const [inner, outer] = pair.split(':').map((s) => s.trim());
      if (inner) names.add(outer || inner);
    }
  }
  return [...names].sort();
}

const CARDS = [
  'sign-in', 'sign-up', 'magic-link', 'mfa-challenge', 'forgot-password', 'reset-password', 'verify-email', 'create-org',
  'accept-invitation', 'org-profile', 'mfa-setup', 'backup-codes', 'passkey-manager', 'session-list',
];
/** The cards with a `logo-url` attribute; the others take a logo only through their `logo` slot. */
const WITH_LOGO_URL = ['sign-in', 'sign-up', 'magic-link', 'mfa-challenge', 'create-org', 'accept-invitation'];

describe('::part() names are documented', function () {
  this.timeout(60_000);

  it('on every card element, signed out and signed in, with a logo', async () => {
    const missing: string[] = [];
    for (const signedIn of [false, true]) {
      const { client } = await startServer();
      if (signedIn) await client.signUp({ email: uniqueEmail(), password: PASSWORD });
      await until(() => client.getSnapshot().status !== 'loading', 'the session settled');
      for (const name of CARDS) {
        const tag = unsafeStatic(`janua-${name}`);
        const el = await fixture<HTMLElement & { updateComplete: Promise<boolean> }>(staticHtml`<${tag} .client=${client} logo-url="data:image/gif;base64,R0lGODlhAQABAAAAACw="
          app-name="Acme" @janua-navigate=${(e: Event) => e.preventDefault()}></${tag}>`);
        await el.updateComplete;
        // Some cards show nothing in one of the states (<janua-create-org> signed out).
        if (!el.shadowRoot?.querySelector('[part~="card"]')) continue;
        const known = documented.get(`janua-${name}`) ?? new Set();
        const parts = exposed(el);
        for (const part of parts) if (!known.has(part)) missing.push(`<janua-${name}> ::part(${part})`);
        if (WITH_LOGO_URL.includes(name) !== parts.includes('logo')) {
          missing.push(`<janua-${name}>: logo-url ${WITH_LOGO_URL.includes(name) ? 'not shown' : 'shown though not listed'}`);
        }
      }
    }
    expect(missing).to.deep.equal([]);
  });

  it('on the sign-in card, signed in (continue link and sign-out button)', async () => {
    const { client } = await startServer();
    await client.signUp({ email: uniqueEmail(), password: PASSWORD });
    // Signed in, the card would go on to redirect-url by itself: the page keeps it (the event is cancelable).
    const el = await fixture<HTMLElement>(html`<janua-sign-in .client=${client} redirect-url="/app"
      @janua-navigate=${(e: Event) => e.preventDefault()}></janua-sign-in>`);
    await until(() => el.shadowRoot?.querySelector('[part~="continue-link"]'), 'the signed-in card');
    const known = documented.get('janua-sign-in')!;
    expect(exposed(el).filter((part) => !known.has(part))).to.deep.equal([]);
    expect(exposed(el)).to.include.members(['next', 'continue-link', 'sign-out-button']);
  });
});
