import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { enAccount } from '@janua/core';
import '../components/backup-codes/define.ts';
import { manifestArgs } from './support/args.ts';
import { withClient } from './support/janua.ts';
import { accountClient, MFA_LOGIN, SAMPLE_CODES, withAccount } from './support/account.ts';
import { expectFieldError, expectRestoring, WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/Backup codes',
  component: 'janua-backup-codes',
  parameters: {
    docs: { description: { component: `Signed in as **${MFA_LOGIN.email}**, whose second factors are on (the demo MFA account).` } },
  },
  loaders: [withAccount({ user: 'mfa' })],
  render: (args, { loaded }) => html`<janua-backup-codes .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-backup-codes>`,
};
export default meta;

type Story = StoryObj<Args>;

const button = (root: HTMLElement, text: string) =>
  waitFor(() => {
    const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text);
    if (!found) throw new Error(`no "${text}" button yet`);
    return found;
  }, WAIT);

/** How many codes are left, and a way to make new ones. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('10 unused'), WAIT);
  },
};

/** A new set, shown once: copy, download, print, and "I have saved these codes" before Done. */
export const NewCodes: Story = {
  args: { codes: SAMPLE_CODES },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('.janua-codes li')).toHaveLength(10), WAIT);
  },
};

/** Done before ticking the box: it must be ticked. */
export const NotYetSaved: Story = {
  args: { codes: SAMPLE_CODES },
  play: async ({ canvasElement }) => {
    await userEvent.click(await button(canvasElement, 'Done'));
    await expectFieldError(canvasElement, 'saved', 'Tick this box');
  },
};

/** New codes need the password; the current ones stop working. */
export const Regenerate: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await button(canvasElement, 'Generate new codes'));
    await waitFor(() => expect(canvasElement.querySelector('input[name="password"]')).toHaveFocus(), WAIT);
  },
};

/** Without two-step verification there are no codes to show. */
export const NeedsTwoStep: Story = {
  loaders: [withAccount()],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('Turn on two-step verification first.'), WAIT);
  },
};

export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-backup-codes');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, args: { codes: SAMPLE_CODES }, play: NewCodes.play };

/** Nobody is signed in: the card asks to sign in, and shows no codes and no way to make new ones. */
export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    const el = canvasElement.querySelector('janua-backup-codes')!;
    await waitFor(() => expect(el.textContent).toContain(enAccount['account.signInFirst']), WAIT);
    await expect(el.querySelectorAll('button, .janua-codes li')).toHaveLength(0);
  },
};
