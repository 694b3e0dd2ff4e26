import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { organizations } from '@janua/core';
import '../../components/index.ts';
import type { JanuaAcceptInvitation } from '../../components/accept-invitation/accept-invitation.ts';
import { PASSWORD, type, uniqueEmail, until } from './helpers.ts';
import { focused, orgServer, orgWith } from './org-helpers.ts';

const heading = (el: JanuaAcceptInvitation) => el.shadowRoot!.querySelector('[part="heading"]')?.textContent ?? '';
const text = (el: JanuaAcceptInvitation) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ');

/** An organization "Acme" whose owner invited `email` as `role`; the token from the outbox. */
async function invited(role: 'member' | 'admin' = 'member', email = uniqueEmail()) {
  const server = await orgServer();
  const owner = await server.person('Olga', 'Owner');
  const org = await orgWith(server, owner, [], 'Acme');
  const invitation = await organizations(owner.client).invite({ organizationId: org.id, email, role });
  return { server, owner, org, email, invitation, token: await server.invitationToken(email) };
}

describe('<janua-accept-invitation>', () => {
  it('is accessible while a signed-out visitor is asked to sign up', async () => {
    const { server, token } = await invited();
    const client = await server.makeClient();
    const el = await fixture<JanuaAcceptInvitation>(html`<janua-accept-invitation .token=${token} .client=${client}></janua-accept-invitation>`);
    await until(() => el.querySelector('janua-sign-up form'), 'the sign-up form');
    await expect(el).to.be.accessible();
  });

  it('signed out: the invitation heads a sign-up form; signing up with the invited address joins, as that role', async () => {
    const { server, org, email, token } = await invited('admin');
    const client = await server.makeClient();
    const el = await fixture<JanuaAcceptInvitation>(html`<janua-accept-invitation .token=${token} continue-url="/app"
      .client=${client}></janua-accept-invitation>`);
    await until(() => el.querySelector('janua-sign-up form'), 'the sign-up form');
    const signUp = el.querySelector('janua-sign-up')!;
    expect(signUp.querySelector('[slot="header"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('Join Acme')
      .and.contain(`${email} is invited as an admin.`);
    expect(document.querySelector('input[autocomplete="new-password"]'), 'password managers see the field').to.not.equal(null);

    type(signUp.querySelector<HTMLInputElement>('input[name="email"]')!, email);
    type(signUp.querySelector<HTMLInputElement>('input[name="password"]')!, PASSWORD);
    const accepted = oneEvent(el, 'janua-invitation-accepted');
    signUp.querySelector('form')!.requestSubmit();
    expect((await accepted).detail.organizationId).to.equal(org.id);
    await until(() => heading(el) === 'You joined Acme', 'the joined card');
    expect(el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent).to.equal('Your role: Admin');
    expect(el.shadowRoot!.querySelector('[part="continue-link"]')!.getAttribute('href')).to.equal('/app');
    await until(() => client.getSnapshot().activeOrganization?.id === org.id, 'the organization active');
    expect(client.getSnapshot().session?.orgRole).to.equal('admin');
    await until(() => focused() === el.shadowRoot!.querySelector('[part="heading"]'), 'focus on the heading');
    await expect(el).to.be.accessible();
  });

  it('signed out with an account: "Sign in" swaps the form; signing in joins', async () => {
    const email = uniqueEmail();
    const { server, org, token } = await invited('member', email);
    const existing = await server.makeClient();
    await existing.signUp({ email, password: PASSWORD });
    await existing.signOut();
    const client = await server.makeClient();
    const el = await fixture<JanuaAcceptInvitation>(html`<janua-accept-invitation .token=${token} .client=${client}></janua-accept-invitation>`);
    await until(() => el.querySelector('janua-sign-up form'), 'the sign-up form');
    const swap = el.querySelector<HTMLButtonElement>('janua-sign-up .janua-link-button')!;
    expect(swap.closest('[slot="footer"]')!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Already have an account? Sign in');
    swap.click();
    await until(() => el.querySelector('janua-sign-in form'), 'the sign-in form');
    await until(() => focused() === el.querySelector('janua-sign-in input[name="email"]'), 'focus on its first field');
    const signIn = el.querySelector('janua-sign-in')!;
    type(signIn.querySelector<HTMLInputElement>('input[name="email"]')!, email);
    type(signIn.querySelector<HTMLInputElement>('input[name="password"]')!, PASSWORD);
    signIn.querySelector('form')!.requestSubmit();
    await until(() => heading(el) === 'You joined Acme', 'joined');
    expect(client.getSnapshot().organizations.map((o) => o.id)).to.deep.equal([org.id]);
  });

  it('signed in as the invited address: one button accepts, reading the token from the address bar', async () => {
    const email = uniqueEmail();
    const { server, org, token } = await invited('member', email);
    const client = await server.makeClient();
    await client.signUp({ email, password: PASSWORD });
    const before = location.href;
    history.replaceState(null, '', `?token=${encodeURIComponent(token)}`);
    try {
      const el = await fixture<JanuaAcceptInvitation>(html`<janua-accept-invitation .client=${client}></janua-accept-invitation>`);
      await until(() => el.querySelector('button[type="submit"]'), 'the accept button');
      expect(heading(el)).to.equal('Join Acme');
      expect(el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent).to.equal(`${email} is invited as a member.`);
      expect(client.getSnapshot().organizations, 'nothing accepted before the click').to.deep.equal([]);
      await expect(el).to.be.accessible();
      el.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
      await until(() => heading(el) === 'You joined Acme', 'joined');
      // Joined shows at once; making the organization the active one is a second request.
      await until(() => client.getSnapshot().session?.orgId === org.id, 'the organization active');
    } finally {
      history.replaceState(null, '', before);
    }
  });

  it('speaks French with locale="fr": the invitation, its role and the button', async () => {
    const email = uniqueEmail();
    const { server, token } = await invited('member', email);
    const client = await server.makeClient();
    await client.signUp({ email, password: PASSWORD });
    const el = await fixture<JanuaAcceptInvitation>(html`<janua-accept-invitation locale="fr" .token=${token} .client=${client}></janua-accept-invitation>`);
    await until(() => heading(el) === 'Rejoindre Acme', 'the French heading');
    expect(el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent).to.equal(`${email} a reçu une invitation avec le rôle de membre.`);
    expect(el.querySelector('button[type="submit"]')!.textContent!.trim()).to.equal('Accepter l’invitation');
  });

  it('signed in as someone else: says whom the invitation is for and offers to sign out', async () => {
    const { server, email, token } = await invited();
    const other = await server.person('Eve', 'Else');
    const el = await fixture<JanuaAcceptInvitation>(html`<janua-accept-invitation .token=${token} .client=${other.client}></janua-accept-invitation>`);
    await until(() => text(el).includes('This invitation is for'), 'the message');
    expect(text(el)).to.contain(`This invitation is for ${email}, and you are signed in as ${other.email}.`);
    el.shadowRoot!.querySelector('janua-sign-out-button')!.shadowRoot!.querySelector<HTMLElement>('button, janua-button')!.click();
    await until(() => el.querySelector('janua-sign-up form'), 'the sign-up form once signed out');
    // Focus follows to the form that took the card's place, not to the page.
    await until(() => focused() === el.querySelector('janua-sign-up form input:not([type="hidden"])'), 'focus on the sign-up form\'s first field');
  });

  it('expired, withdrawn, used and unknown invitations each say so', async () => {
    const { server, owner, org, email, invitation, token } = await invited();
    const anonymous = await server.makeClient();
    const say = async (t: string) => {
      const el = await fixture<JanuaAcceptInvitation>(html`<janua-accept-invitation .token=${t} .client=${anonymous}></janua-accept-invitation>`);
      await until(() => heading(el) === 'This invitation cannot be used', `the unavailable card for ${t.slice(0, 8)}`);
      return text(el);
    };
    expect(await say('not-a-real-token')).to.contain('This invitation link is not valid.');

    const invitee = await server.makeClient();
    await invitee.signUp({ email, password: PASSWORD });
    await organizations(invitee).acceptInvitation(token);
    expect(await say(token)).to.contain('This invitation to Acme has already been used.');

    const second = uniqueEmail();
    const revoked = await organizations(owner.client).invite({ organizationId: org.id, email: second, role: 'viewer' });
    const revokedToken = await server.invitationToken(second);
    await organizations(owner.client).revokeInvitation(revoked.id);
    expect(await say(revokedToken)).to.contain('This invitation to Acme was withdrawn.');

    const third = uniqueEmail();
    await organizations(owner.client).invite({ organizationId: org.id, email: third, role: 'viewer', expiresIn: 300 });
    const expiring = await server.invitationToken(third);
    server.travel(10 * 60_000);
    expect(await say(expiring)).to.contain('This invitation to Acme has expired. Ask whoever invited you for a new one.');
    expect(invitation.status).to.equal('pending');
  });
});
