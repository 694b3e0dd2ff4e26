import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { enOrg } from '@janua/core';
import '../components/create-org/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep } from './support/dom.ts';
import { withOrgs, type OrgWorld } from './support/orgs.ts';
import { expectFieldError, expectFormError, expectPending, expectSignedOut, fill, input, submit, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Organizations/Create organization',
  component: 'janua-create-org',
  loaders: [withOrgs()],
  render: (args, { loaded }) =>
    html`<janua-create-org .client=${(loaded['world'] as OrgWorld).client} ${manifestArgs(args)}></janua-create-org>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Typing a name suggests the address. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.type(await input(canvasElement, 'name'), 'Acme Rockets');
    await expect(await input(canvasElement, 'slug')).toHaveValue('acme-rockets');
  },
};

/** An address someone else holds (Sam is a member of Acme): the server's answer under the field. */
export const FieldError: Story = {
  loaders: [withOrgs({ role: 'member' })],
  play: async ({ canvasElement, loaded }) => {
    await fill(canvasElement, { name: 'Acme again', slug: (loaded['world'] as OrgWorld).org!.slug });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'slug', 'This organization address is taken.');
  },
};

/** The server's answer is held back: the button says it is creating. */
export const Pending: Story = {
  loaders: [withOrgs({ hold: /\/organizations\/$/ })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { name: 'Acme' });
    await submit(canvasElement);
    await expectPending(canvasElement, /\/organizations\/$/);
  },
};

export const ServiceUnavailable: Story = {
  loaders: [withOrgs({ outage: /\/organizations\/$/ })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { name: 'Acme' });
    await submit(canvasElement);
    await expectFormError(canvasElement, 'The service is busy. Try again in a moment.');
  },
};

/** Created and active: the card says so. */
export const Created: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { name: 'Acme Rockets' });
    await submit(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent('Organization created'), WAIT);
  },
};

/**
 * Created, but the switch to it fails (503): the organization exists, so the card still says it
 * was created, naming it without claiming it is active; the session stays in the personal workspace.
 */
export const CreatedSwitchFailed: Story = {
  loaders: [withOrgs({ outage: /\/switch$/ })],
  play: async ({ canvasElement, loaded }) => {
    await fill(canvasElement, { name: 'Acme Rockets' });
    await submit(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(enOrg['org.created']), WAIT);
    await expect(queryDeep(canvasElement, '[part="subtitle"]')).toHaveTextContent(/^Acme Rockets$/);
    await expect(queryDeep(canvasElement, '[part="again-button"]')).toHaveTextContent(enOrg['org.create.another']);
    const { client } = loaded['world'] as OrgWorld;
    await expect(client.getSnapshot().session?.orgId ?? null).toBeNull();
    await waitFor(() => expect(client.getSnapshot().organizations.map((o) => o.name)).toContain('Acme Rockets'), WAIT);
  },
};

/** Signed out: nothing to show. */
export const SignedOut: Story = {
  loaders: [withOrgs({ signedOut: true })],
  render: (args, { loaded }) => html`<p>Sign in to create an organization.</p>
    <janua-create-org .client=${(loaded['world'] as OrgWorld).client} ${manifestArgs(args)}></janua-create-org>`,
  play: async ({ canvasElement }) => {
    const el = await expectSignedOut(canvasElement, 'janua-create-org');
    await expect(el.shadowRoot?.querySelectorAll('*') ?? []).toHaveLength(0);
    await expect(el.shadowRoot?.textContent?.trim() ?? '').toBe('');
    await expect(canvasElement.querySelector('janua-create-org input')).toBeNull();
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
