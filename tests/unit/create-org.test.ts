import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import '../../components/index.ts';
import { slugify, type JanuaCreateOrg } from '../../components/create-org/create-org.ts';
import { type, until } from './helpers.ts';
import { focused, orgServer, slug } from './org-helpers.ts';

const input = (el: Element, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
const heading = (el: JanuaCreateOrg) => el.shadowRoot!.querySelector('[part="heading"]')!;

describe('<janua-create-org>', () => {
  it('is accessible', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const el = await fixture<JanuaCreateOrg>(html`<janua-create-org .client=${owner.client}></janua-create-org>`);
    await until(() => input(el, 'name'), 'the form');
    await expect(el).to.be.accessible();
  });

  it('suggests an address from the name until the user types one; emptied, it suggests again', async () => {
    expect([slugify('Ça & Co'), slugify('  Acme Rockets, Inc.  '), slugify('--x--'), slugify('Ünïcödé')])
      .to.deep.equal(['ca-co', 'acme-rockets-inc', 'x', 'unicode']);
    expect(slugify('a'.repeat(80)).length).to.equal(63);
    // Letters of their own, which accent-stripping does not reach, are spelled out, not dropped.
    expect([slugify('Straße'), slugify('Ølberg Æble'), slugify('Łódź'), slugify('Đorđe')]).to.deep.equal(['strasse', 'olberg-aeble', 'lodz', 'dorde']);
    const server = await orgServer();
    const owner = await server.person();
    const el = await fixture<JanuaCreateOrg>(html`<janua-create-org .client=${owner.client}></janua-create-org>`);
    await until(() => input(el, 'name'), 'the form');
    type(input(el, 'name'), 'Acme Rockets');
    expect(input(el, 'slug').value).to.equal('acme-rockets');
    type(input(el, 'slug'), 'rockets');
    type(input(el, 'name'), 'Acme Rockets Ltd');
    expect(input(el, 'slug').value, 'the typed address stays').to.equal('rockets');
    type(input(el, 'slug'), '');
    type(input(el, 'name'), 'Acme');
    expect(input(el, 'slug').value).to.equal('acme');
    expect(input(el, 'slug').getAttribute('aria-describedby')).to.contain('-hint');
  });

  it('shows the server\'s errors under the address field: taken, and a bad format', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const taken = slug();
    const other = await server.person('Grace', 'Hopper');
    const { organizations } = await import('@janua/core');
    await organizations(other.client).create({ name: 'First', slug: taken });
    const el = await fixture<JanuaCreateOrg>(html`<janua-create-org .client=${owner.client}></janua-create-org>`);
    await until(() => input(el, 'name'), 'the form');
    type(input(el, 'name'), 'Second');
    type(input(el, 'slug'), taken);
    const failed = oneEvent(el, 'janua-error');
    el.querySelector('form')!.requestSubmit();
    expect((await failed).detail.code).to.equal('SLUG_TAKEN');
    await until(() => input(el, 'slug').getAttribute('aria-invalid') === 'true', 'the slug marked invalid');
    expect(el.querySelector('.janua-field-slug .janua-field-error')!.textContent).to.equal('This organization address is taken. Choose another one.');
    expect(focused()).to.equal(input(el, 'slug'));

    type(input(el, 'slug'), 'Not A Slug');
    el.querySelector('form')!.requestSubmit();
    await until(() => el.querySelector('.janua-field-slug .janua-field-error')!.textContent === 'Check the format of this field.', 'the format error');
    expect(owner.client.getSnapshot().organizations).to.deep.equal([]);
  });

  it('creates it, makes it the active organization, says so and focuses the heading; "Create another" starts over', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const el = await fixture<JanuaCreateOrg>(html`<janua-create-org .client=${owner.client}></janua-create-org>`);
    await until(() => input(el, 'name'), 'the form');
    type(input(el, 'name'), 'Acme');
    const address = slug();
    type(input(el, 'slug'), address);
    const created = oneEvent(el, 'janua-org-created');
    const switched = oneEvent(el, 'janua-org-switched');
    el.querySelector('form')!.requestSubmit();
    const id = (await created).detail.organizationId;
    expect((await switched).detail).to.deep.equal({ organizationId: id, role: 'owner' });
    expect(owner.client.getSnapshot().activeOrganization).to.include({ id, name: 'Acme', slug: address, role: 'owner' });
    await until(() => heading(el).textContent === 'Organization created', 'the done heading');
    expect(el.shadowRoot!.querySelector('[part="subtitle"]')!.textContent).to.equal('Acme is now your active organization.');
    await until(() => focused() === heading(el), 'focus on the heading');
    expect(el.querySelector('form'), 'the form left').to.equal(null);
    await expect(el).to.be.accessible();
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="again-button"]')!.click();
    await until(() => focused() === input(el, 'name'), 'focus on an empty name field');
    expect(input(el, 'name').value).to.equal('');
  });

  it('speaks French with locale="fr": heading, labels and the field errors', async () => {
    const server = await orgServer();
    const owner = await server.person();
    const el = await fixture<JanuaCreateOrg>(html`<janua-create-org locale="fr" .client=${owner.client}></janua-create-org>`);
    await until(() => heading(el).textContent === 'Créer une organisation', 'the French heading');
    const label = (name: string) => el.querySelector(`label[for="${input(el, name).id}"]`)!.textContent!.trim();
    expect(label('name')).to.equal('Nom');
    expect(label('slug')).to.equal('Adresse de l’organisation');
    el.querySelector('form')!.requestSubmit();
    await until(() => input(el, 'name').getAttribute('aria-invalid') === 'true', 'the empty name refused');
    expect(el.querySelector('.janua-field-name .janua-field-error')!.textContent).to.equal('Remplissez ce champ.');
  });

  it('renders nothing while signed out', async () => {
    const server = await orgServer();
    const client = await server.makeClient();
    const el = await fixture<JanuaCreateOrg>(html`<janua-create-org .client=${client}></janua-create-org>`);
    expect(el.shadowRoot!.children.length).to.equal(0);
    expect(el.querySelector('form')).to.equal(null);
  });
});
