import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { organizations, type JanuaClient } from '@janua/core';
import '../../components/index.ts';
import type { JanuaOrgProfile } from '../../components/org-profile/org-profile.ts';
import { type, until } from './helpers.ts';
import { focused, inOrgWithoutList, orgServer, orgWith, type Person } from './org-helpers.ts';

const tabs = (el: JanuaOrgProfile) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('[role="tab"]')];
const tabNames = (el: JanuaOrgProfile) => tabs(el).map((t) => t.textContent!.trim());
const selected = (el: JanuaOrgProfile) => el.shadowRoot!.querySelector<HTMLElement>('[role="tab"][aria-selected="true"]')!;
const panel = (el: JanuaOrgProfile) => el.shadowRoot!.querySelector<HTMLElement>('[role="tabpanel"]')!;
const alert = (el: JanuaOrgProfile) => el.shadowRoot!.querySelector('janua-alert')!.shadowRoot!.textContent!;
const rows = (el: JanuaOrgProfile) => [...el.querySelectorAll<HTMLElement>('.janua-member:not(.janua-invitation)')];
const row = (el: JanuaOrgProfile, text: string) => rows(el).find((r) => r.textContent!.includes(text))!;
const buttonIn = (root: Element, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text);

/** A profile of the active organization of `person`, once its panels have rendered. */
async function profile(person: Person | { client: JanuaClient }, tab = 'general'): Promise<JanuaOrgProfile> {
  const el = await fixture<JanuaOrgProfile>(html`<janua-org-profile tab=${tab} .client=${person.client}></janua-org-profile>`);
  await until(() => el.shadowRoot!.querySelector('[role="tabpanel"]') && el.querySelector('[data-janua-region] > *'), 'the panels');
  return el;
}

async function team() {
  const server = await orgServer();
  const owner = await server.person('Olga', 'Owner');
  const admin = await server.person('Adam', 'Admin');
  const member = await server.person('Mia', 'Member');
  const viewer = await server.person('Vic', 'Viewer');
  const org = await orgWith(server, owner, [[admin, 'admin'], [member, 'member'], [viewer, 'viewer']], 'Acme');
  for (const p of [owner, admin, member, viewer]) await organizations(p.client).switch(org.id);
  return { server, owner, admin, member, viewer, org };
}

async function openTab(el: JanuaOrgProfile, name: string): Promise<void> {
  tabs(el).find((t) => t.textContent!.trim() === name)!.click();
  await until(() => selected(el).textContent!.trim() === name && !el.querySelector('[data-janua-region]')!.textContent!.includes('Loading…'),
    `the ${name} tab`);
}

describe('<janua-org-profile>', () => {
  it('is accessible on each tab', async () => {
    const { owner } = await team();
    const el = await profile(owner);
    await expect(el).to.be.accessible();
    await openTab(el, 'Members');
    await until(() => rows(el).length === 4, 'the members');
    await expect(el).to.be.accessible();
    await openTab(el, 'Invitations');
    await expect(el).to.be.accessible();
  });

  it('has real tabs: one tab stop, arrows (mirrored in RTL), Home and End select; the panel is labelled by its tab', async () => {
    const { owner } = await team();
    const el = await profile(owner);
    const list = el.shadowRoot!.querySelector('[role="tablist"]')!;
    expect(list.getAttribute('aria-label')).to.equal('Organization settings');
    expect(tabNames(el)).to.deep.equal(['General', 'Members', 'Invitations']);
    const check = (name: string) => {
      expect(selected(el).textContent!.trim()).to.equal(name);
      expect(tabs(el).map((t) => t.tabIndex)).to.deep.equal(tabs(el).map((t) => (t === selected(el) ? 0 : -1)));
      expect(selected(el).getAttribute('aria-controls')).to.equal(panel(el).id);
      expect(panel(el).getAttribute('aria-labelledby')).to.equal(selected(el).id);
    };
    check('General');
    selected(el).focus();
    await sendKeys({ press: 'ArrowRight' });
    await until(() => selected(el).textContent!.trim() === 'Members', 'Members selected');
    check('Members');
    expect(focused()).to.equal(selected(el));
    await sendKeys({ press: 'End' });
    await until(() => selected(el).textContent!.trim() === 'Invitations', 'End');
    await sendKeys({ press: 'ArrowRight' });
    await until(() => selected(el).textContent!.trim() === 'General', 'wraps to General');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => selected(el).textContent!.trim() === 'Invitations', 'wraps back');
    await sendKeys({ press: 'Home' });
    await until(() => selected(el).textContent!.trim() === 'General', 'Home');
    el.setAttribute('dir', 'rtl');
    await sendKeys({ press: 'ArrowLeft' });
    await until(() => selected(el).textContent!.trim() === 'Members', 'ArrowLeft is "next" in RTL');
    el.removeAttribute('dir');
    await sendKeys({ press: 'Home' });
    await until(() => selected(el).textContent!.trim() === 'General', 'Home');
    check('General');
    await sendKeys({ press: 'Tab' });
    expect(focused(), 'Tab leaves the tab list for the panel').to.equal(el.querySelector('input[name="name"]'));
  });

  it('in an organization whose list failed to load: says so and offers to try again, not "No organization is active"', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const org = await orgWith(server, owner);
    const { client, heal } = await inOrgWithoutList(server, owner, org.id);
    const wrap = await fixture<HTMLElement>(html`<div><janua-org-profile .client=${client}></janua-org-profile></div>`);
    const el = wrap.querySelector<JanuaOrgProfile>('janua-org-profile')!;
    await until(() => el.shadowRoot!.textContent!.includes('This organization could not be loaded.'), 'the load error');
    expect(el.shadowRoot!.textContent).not.to.contain('No organization is active');
    await expect(el).to.be.accessible();
    heal();
    el.shadowRoot!.querySelector<HTMLButtonElement>('button[part="retry-button"]')!.click();
    await until(() => tabs(el).length > 0, 'the tabs once the list loads');
    expect(tabNames(el)).to.include('General');
  });

  it('offers each role only what it may do', async () => {
    const { owner, admin, member, viewer } = await team();
    const offers = async (p: Person) => {
      const el = await profile(p);
      const general = { form: Boolean(el.querySelector('form input[name="name"]')), delete: Boolean(el.querySelector('[data-key="delete"]')) };
      await openTab(el, 'Members');
      await until(() => rows(el).length === 4, 'the members');
      const members = Object.fromEntries(['Olga', 'Adam', 'Mia', 'Vic'].map((who) => {
        const r = row(el, who);
        const select = r.querySelector('select');
        return [who, [select ? [...select.options].map((o) => o.value).join('|') : r.querySelector('.janua-role')!.textContent,
          r.querySelector('button')?.textContent?.trim() ?? r.querySelector('.janua-note')?.textContent ?? '']];
      }));
      return { tabs: tabNames(el), general, members };
    };
    expect(await offers(owner)).to.deep.equal({
      tabs: ['General', 'Members', 'Invitations'],
      general: { form: true, delete: true },
      members: {
        Olga: ['Owner', 'You are the only owner. Make someone else an owner before you leave.'],
        Adam: ['owner|admin|member|viewer', 'Remove'], Mia: ['owner|admin|member|viewer', 'Remove'], Vic: ['owner|admin|member|viewer', 'Remove'],
      },
    });
    expect(await offers(admin)).to.deep.equal({
      tabs: ['General', 'Members', 'Invitations'],
      general: { form: true, delete: false },
      members: {
        Olga: ['Owner', ''],
        Adam: ['admin|member|viewer', 'Leave organization'], Mia: ['admin|member|viewer', 'Remove'], Vic: ['admin|member|viewer', 'Remove'],
      },
    });
    for (const [p, who] of [[member, 'Mia'], [viewer, 'Vic']] as const) {
      const seen = await offers(p);
      expect(seen.tabs).to.deep.equal(['General', 'Members']);
      expect(seen.general).to.deep.equal({ form: false, delete: false });
      for (const [name, [role, action]] of Object.entries(seen.members)) {
        expect(role, name).to.be.oneOf(['Owner', 'Admin', 'Member', 'Viewer']);
        expect(action, name).to.equal(name === who ? 'Leave organization' : '');
      }
    }
    // A member asking for the invitations tab gets General.
    const el = await profile(member, 'invitations');
    expect(selected(el).textContent!.trim()).to.equal('General');
    expect(el.querySelector('.janua-facts')!.textContent).to.contain('Acme');
  });

  it('General: saves name, address and logo; an owner deletes after typing the address', async () => {
    const { owner, org, admin } = await team();
    const el = await profile(owner);
    const form = el.querySelector('form')!;
    type(form.querySelector('input[name="name"]')!, 'Acme Rockets');
    type(form.querySelector('input[name="logo_url"]')!, 'https://example.com/logo.png');
    const updated = oneEvent(el, 'janua-org-updated');
    form.requestSubmit();
    expect((await updated).detail.organizationId).to.equal(org.id);
    await until(() => alert(el).includes('Changes saved.'), 'the notice');
    await until(() => el.shadowRoot!.querySelector('[part="heading"]')!.textContent === 'Acme Rockets', 'the new name');
    expect(owner.client.getSnapshot().activeOrganization?.logoUrl).to.equal('https://example.com/logo.png');

    el.querySelector<HTMLButtonElement>('[data-key="delete"]')!.click();
    const confirm = () => el.querySelector<HTMLInputElement>('input[name="confirm"]')!;
    await until(() => focused() === confirm(), 'focus on the confirmation');
    expect(el.querySelector('label[for="' + confirm().id + '"]')!.textContent).to.equal(`Type ${org.slug} to confirm`);
    type(confirm(), 'acme');
    el.querySelector('form')!.requestSubmit();
    await until(() => confirm().getAttribute('aria-invalid') === 'true', 'the mismatch');
    expect(el.querySelector('.janua-field-confirm .janua-field-error')!.textContent).to.equal(`Type ${org.slug} exactly as shown.`);
    expect(owner.client.getSnapshot().organizations.length, 'nothing deleted').to.equal(1);
    type(confirm(), org.slug);
    const deleted = oneEvent(el, 'janua-org-deleted');
    el.querySelector('form')!.requestSubmit();
    expect((await deleted).detail.organizationId).to.equal(org.id);
    await until(() => el.shadowRoot!.textContent!.includes('Acme Rockets was deleted.'), 'the deleted message');
    expect(focused()).to.equal(el.shadowRoot!.querySelector('[part="heading"]'));
    expect(owner.client.getSnapshot().session?.orgId, 'back to personal').to.equal(null);
    expect(await organizations(admin.client).get(org.id).catch((e: { status: number }) => e.status)).to.equal(404);
  });

  it('General: a taken address is refused under its field, the rest kept; a free one is saved and asked for on delete', async () => {
    const { owner, org } = await team();
    const other = await organizations(owner.client).create({ name: 'Other', slug: `other-${Date.now().toString(36)}` });
    await organizations(owner.client).switch(org.id);
    const el = await profile(owner);
    const form = el.querySelector('form')!;
    const slugField = form.querySelector<HTMLInputElement>('input[name="slug"]')!;
    type(form.querySelector('input[name="name"]')!, 'Acme Renamed');
    type(slugField, other.slug);
    form.requestSubmit();
    await until(() => slugField.getAttribute('aria-invalid') === 'true', 'the field error');
    expect(el.querySelector('.janua-field-slug .janua-field-error')!.textContent).to.equal('This organization address is taken. Choose another one.');
    expect(form.querySelector<HTMLInputElement>('input[name="name"]')!.value, 'the name typed is kept').to.equal('Acme Renamed');
    expect(owner.client.getSnapshot().activeOrganization?.slug, 'nothing saved').to.equal(org.slug);

    const fresh = `acme-new-${Date.now().toString(36)}`;
    type(slugField, fresh);
    form.requestSubmit();
    await until(() => alert(el).includes('Changes saved.'), 'the notice');
    await until(() => owner.client.getSnapshot().activeOrganization?.slug === fresh, 'the new address in the snapshot');
    expect(slugField.getAttribute('aria-invalid')).not.to.equal('true');
    el.querySelector<HTMLButtonElement>('[data-key="delete"]')!.click();
    await until(() => el.querySelector('input[name="confirm"]'), 'the confirmation');
    const confirm = el.querySelector<HTMLInputElement>('input[name="confirm"]')!;
    expect(el.querySelector(`label[for="${confirm.id}"]`)!.textContent, 'the new address is the one to type').to.equal(`Type ${fresh} to confirm`);
  });

  it('Members: search, change a role, remove after confirming', async () => {
    const { owner, member, org } = await team();
    const el = await profile(owner, 'members');
    await until(() => rows(el).length === 4, 'the members');
    const search = el.querySelector<HTMLInputElement>('input[type="search"]')!;
    expect(el.querySelector(`label[for="${search.id}"]`)!.textContent).to.equal('Search members');
    type(search, 'mia');
    await until(() => rows(el).length === 1, 'filtered by name');
    type(search, 'nobody-like-this');
    await until(() => rows(el).length === 0, 'no match');
    expect(el.querySelector('[role="status"]')!.textContent).to.equal('No member matches.');
    type(search, '');
    await until(() => rows(el).length === 4, 'everyone again');

    const select = row(el, 'Mia').querySelector('select')!;
    expect(select.getAttribute('aria-label')).to.equal('Role of Mia Member');
    select.value = 'admin';
    const changed = oneEvent(el, 'janua-member-updated');
    select.dispatchEvent(new Event('change', { bubbles: true }));
    expect((await changed).detail).to.deep.equal({ organizationId: org.id, userId: member.id, role: 'admin' });
    await until(() => alert(el).includes('Mia Member is now an admin.'), 'the notice');
    expect((await organizations(owner.client).members(org.id).refresh()).find((m) => m.userId === member.id)?.role).to.equal('admin');

    buttonIn(row(el, 'Vic'), 'Remove')!.click();
    await until(() => row(el, 'Vic').querySelector('.janua-confirm'), 'the confirmation');
    expect(row(el, 'Vic').querySelector('.janua-confirm')!.textContent).to.contain('Remove Vic Viewer from Acme?');
    expect(focused()!.textContent!.trim(), 'focus on Cancel').to.equal('Cancel');
    (focused() as HTMLButtonElement).click();
    await until(() => !el.querySelector('.janua-confirm'), 'canceled');
    expect(focused()!.textContent!.trim()).to.equal('Remove');
    (focused() as HTMLButtonElement).click();
    await until(() => el.querySelector('.janua-confirm'), 'the confirmation again');
    const removed = oneEvent(el, 'janua-member-removed');
    buttonIn(el.querySelector('.janua-confirm')!, 'Remove')!.click();
    await removed;
    await until(() => rows(el).length === 3 && alert(el).includes('Vic Viewer was removed.'), 'Vic gone');
  });

  it('Members: a member leaves; the card says so and the organization is no longer active', async () => {
    const { member, org } = await team();
    const el = await profile(member, 'members');
    await until(() => rows(el).length === 4, 'the members');
    buttonIn(row(el, 'Mia'), 'Leave organization')!.click();
    await until(() => el.querySelector('.janua-confirm'), 'the confirmation');
    expect(el.querySelector('.janua-confirm')!.textContent).to.contain('Leave Acme? You lose access until someone invites you again.');
    const left = oneEvent(el, 'janua-org-left');
    buttonIn(el.querySelector('.janua-confirm')!, 'Leave organization')!.click();
    expect((await left).detail.organizationId).to.equal(org.id);
    await until(() => el.shadowRoot!.textContent!.includes('You left Acme.'), 'the message');
    expect(el.shadowRoot!.querySelector('[role="tablist"]')).to.equal(null);
    expect(member.client.getSnapshot().session?.orgId).to.equal(null);
  });

  it('Invitations: invite with a role, see it pending, resend with a fresh link, revoke; a member is refused in words', async () => {
    const { server, admin, member } = await team();
    const el = await profile(admin, 'invitations');
    const form = () => el.querySelector('form')!;
    const roleSelect = form().querySelector<HTMLSelectElement>('select[name="role"]')!;
    expect([...roleSelect.options].map((o) => o.value), 'an admin cannot invite owners').to.deep.equal(['admin', 'member', 'viewer']);
    expect(roleSelect.value).to.equal('member');
    await until(() => el.textContent!.includes('No pending invitations.'), 'the empty list');

    const email = `new-${Date.now()}@example.com`;
    type(form().querySelector('input[name="email"]')!, email);
    roleSelect.value = 'viewer';
    const sent = oneEvent(el, 'janua-invitation-sent');
    form().requestSubmit();
    await sent;
    await until(() => el.querySelector('.janua-invitation')?.textContent!.includes(email), 'the pending invitation');
    expect(alert(el)).to.contain(`Invitation sent to ${email}.`);
    expect(el.querySelector('.janua-invitation')!.textContent).to.contain('Viewer');
    expect(form().querySelector<HTMLInputElement>('input[name="email"]')!.value, 'the form is ready for the next one').to.equal('');
    const first = await server.invitationToken(email);

    const resent = oneEvent(el, 'janua-invitation-sent');
    buttonIn(el.querySelector('.janua-invitation')!, 'Resend')!.click();
    await resent;
    const second = await server.invitationToken(email);
    expect(second).to.not.equal(first);
    const anonymous = organizations(await server.makeClient());
    expect((await anonymous.validateInvitation(first)).status, 'the old link').to.equal('revoked');
    expect((await anonymous.validateInvitation(second)).valid).to.equal(true);
    expect(el.querySelectorAll('.janua-invitation').length, 'still one pending').to.equal(1);

    const revokeButton = buttonIn(el.querySelector('.janua-invitation')!, 'Revoke')!;
    expect(revokeButton.getAttribute('aria-label')).to.equal(`Revoke the invitation of ${email}`);
    const revoked = oneEvent(el, 'janua-invitation-revoked');
    revokeButton.click();
    await revoked;
    await until(() => el.textContent!.includes('No pending invitations.'), 'none pending');
    expect((await anonymous.validateInvitation(second)).status).to.equal('revoked');

    type(form().querySelector('input[name="email"]')!, member.email);
    form().requestSubmit();
    await until(() => el.querySelector('.janua-field-email .janua-field-error')!.textContent !== '', 'the field error');
    expect(el.querySelector('.janua-field-email .janua-field-error')!.textContent).to.equal('This person is already a member of the organization.');
  });

  it('says when no organization is active, and speaks French', async () => {
    const server = await orgServer();
    const solo = await server.person();
    const el = await fixture<JanuaOrgProfile>(html`<janua-org-profile .client=${solo.client}></janua-org-profile>`);
    await until(() => el.shadowRoot!.textContent!.includes('No organization is active.'), 'the message');
    const org = await orgWith(server, solo, [], 'Acme');
    await organizations(solo.client).switch(org.id);
    el.locale = 'fr';
    await until(() => tabNames(el).join() === 'Général,Membres,Invitations', 'French tabs');
    expect(el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent).to.equal('Votre rôle\u00a0: Propriétaire', 'a no-break space before the colon');
  });

  it('in a narrow card (320 px wide, or 400 % zoom) the tabs wrap: none is cut off or scrolled away', async () => {
    const { owner } = await team();
    const el = await profile(owner);
    el.style.display = 'block';
    el.style.width = '240px';
    await until(() => tabs(el).length === 3, 'three tabs');
    const list = el.shadowRoot!.querySelector<HTMLElement>('[role="tablist"]')!;
    expect(list.scrollWidth, 'no sideways scrolling').to.be.at.most(list.clientWidth);
    const box = list.getBoundingClientRect();
    for (const tab of tabs(el)) {
      const r = tab.getBoundingClientRect();
      expect(r.left >= box.left - 1 && r.right <= box.right + 1, `${tab.textContent} inside the list`).to.equal(true);
    }
  });

  it('switched to the personal workspace, the heading no longer names the organization it left', async () => {
    const server = await orgServer();
    const solo = await server.person();
    const org = await orgWith(server, solo, [], 'Acme Labs');
    await organizations(solo.client).switch(org.id);
    const el = await profile(solo);
    const heading = () => el.shadowRoot!.querySelector('[part~="heading"]')!.textContent!.trim();
    expect(heading()).to.equal('Acme Labs');
    await organizations(solo.client).switch(null);
    await until(() => el.shadowRoot!.textContent!.includes('No organization is active.'), 'the message');
    expect(heading()).to.equal('Manage organization');
  });

  it('another organization active: the fields show its values, not what was typed or saved for the last one', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const alpha = await orgWith(server, owner, [], 'Alpha');
    const beta = await orgWith(server, owner, [], 'Beta');
    await organizations(owner.client).switch(alpha.id);
    const el = await profile(owner);
    const field = (name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
    type(field('name'), 'Alpha Renamed');
    el.querySelector('form')!.requestSubmit();
    await until(() => alert(el).includes('Changes saved.'), 'the save');
    type(field('name'), 'Typed, not saved');
    await organizations(owner.client).switch(beta.id);
    await until(() => el.shadowRoot!.querySelector('[part="heading"]')!.textContent === 'Beta', 'Beta in the heading');
    await until(() => field('name').value === 'Beta', `Beta's name in its field, not ${field('name').value}`);
    expect(field('slug').value).to.equal(beta.slug);
    expect(alert(el), 'nothing said about Alpha').not.to.contain('Changes saved.');
    // Saving now changes Beta alone, and Alpha keeps the name it was given.
    el.querySelector('form')!.requestSubmit();
    await until(() => alert(el).includes('Changes saved.'), 'the second save');
    const orgs = organizations(owner.client);
    expect([(await orgs.get(alpha.id)).name, (await orgs.get(beta.id)).name]).to.deep.equal(['Alpha Renamed', 'Beta']);
  });

  it('after a save or an invitation sent from the keyboard, focus is back in the field, not on the page', async () => {
    const { admin } = await team();
    const el = await profile(admin);
    const name = el.querySelector<HTMLInputElement>('input[name="name"]')!;
    type(name, 'Acme Two');
    name.focus();
    el.querySelector('form')!.requestSubmit();
    await until(() => alert(el).includes('Changes saved.'), 'the save');
    await until(() => focused() === name, `focus on the name field, not ${focused()?.localName}`);
    await openTab(el, 'Invitations');
    const email = el.querySelector<HTMLInputElement>('input[name="email"]')!;
    type(email, `next-${Date.now()}@example.com`);
    email.focus();
    el.querySelector('form')!.requestSubmit();
    await until(() => alert(el).includes('Invitation sent'), 'the invitation');
    await until(() => focused() === email, `focus on the email field, not ${focused()?.localName}`);
  });

  it('follows `organization-id` for an organization that is not the active one', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const other = await orgWith(server, owner, [], 'Other');
    await until(() => owner.client.getSnapshot().organizations.length === 1, 'the list');
    const el = await fixture<JanuaOrgProfile>(html`<janua-org-profile organization-id=${other.id} .client=${owner.client}></janua-org-profile>`);
    await until(() => el.shadowRoot!.querySelector('[part="heading"]')?.textContent === 'Other', 'its name');
    expect(owner.client.getSnapshot().session?.orgId).to.equal(null);
    expect(el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent).to.equal('Your role: Owner');
  });
});
