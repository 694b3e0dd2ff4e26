import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { organizations } from '@janua/core';
import '../../components/index.ts';
import type { JanuaAcceptInvitation } from '../../components/accept-invitation/accept-invitation.ts';
import type { JanuaOrgProfile } from '../../components/org-profile/org-profile.ts';
import { PASSWORD, uniqueEmail, until } from './helpers.ts';
import { orgServer, orgWith } from './org-helpers.ts';

/*
 * The elements hand the role's code, not its title-case label, to the sentences that name it, so
 * each catalog words the role as its sentence needs (lower case, article, no gender assumed).
 */

const subtitle = (el: Element) => el.shadowRoot!.querySelector('[part="subtitle"]')?.textContent ?? '';
const alert = (el: Element) => el.shadowRoot!.querySelector('janua-alert')?.shadowRoot!.textContent ?? '';

describe('roles inside sentences', () => {
  it('<janua-accept-invitation>: "invited as an admin", and in French "avec le rôle d’administrateur"', async () => {
    const server = await orgServer();
    const owner = await server.person('Olga', 'Owner');
    const org = await orgWith(server, owner, [], 'Acme');
    const email = uniqueEmail();
    await organizations(owner.client).invite({ organizationId: org.id, email, role: 'admin' });
    const token = await server.invitationToken(email);
    const client = await server.makeClient();
    await client.signUp({ email, password: PASSWORD });
    const el = await fixture<JanuaAcceptInvitation>(html`<janua-accept-invitation .token=${token} .client=${client}></janua-accept-invitation>`);
    await until(() => el.querySelector('button[type="submit"]'), 'the accept button');
    await expect(el).to.be.accessible();
    expect(subtitle(el)).to.equal(`${email} is invited as an admin.`);
    el.locale = 'fr';
    await until(() => subtitle(el) !== `${email} is invited as an admin.`, 'the French subtitle');
    expect(subtitle(el)).to.equal(`${email} a reçu une invitation avec le rôle d’administrateur.`);
    el.locale = 'es';
    await until(() => subtitle(el).startsWith(`${email} tiene`), 'the Spanish subtitle');
    expect(subtitle(el)).to.equal(`${email} tiene una invitación con el rol de administrador.`);
  });

  it('<janua-org-profile>: a role change reads "is now an admin", in French "a maintenant le rôle de lecteur"', async () => {
    const server = await orgServer();
    const owner = await server.person('Olga', 'Owner');
    const member = await server.person('Mia', 'Member');
    const org = await orgWith(server, owner, [[member, 'member']], 'Acme');
    await organizations(owner.client).switch(org.id);
    const el = await fixture<JanuaOrgProfile>(html`<janua-org-profile tab="members" .client=${owner.client}></janua-org-profile>`);
    const select = () => [...el.querySelectorAll<HTMLElement>('.janua-member')].find((r) => r.textContent!.includes('Mia'))?.querySelector('select');
    await until(() => select(), 'Mia’s role');
    await expect(el).to.be.accessible();
    const change = async (role: string) => {
      const changed = oneEvent(el, 'janua-member-updated');
      select()!.value = role;
      select()!.dispatchEvent(new Event('change', { bubbles: true }));
      await changed;
    };
    await change('admin');
    await until(() => alert(el).includes('Mia Member is now an admin.'), 'the English notice');
    el.locale = 'fr';
    await until(() => select()?.querySelector('option[value="owner"]')?.textContent === 'Propriétaire', 'French labels in the menu');
    await change('viewer');
    await until(() => alert(el).includes('Mia Member a maintenant le rôle de lecteur.'), 'the French notice');
  });
});
