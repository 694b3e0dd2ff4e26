import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { enAccount } from '@janua/core';
import '../components/backup-codes/define.ts';
import { manifestArgs } from './support/args.ts';
import { withClient } from './support/janua.ts';
import { accountClient, MFA_LOGIN, SAMPLE_CODES, withAccount } from './support/account.ts';
import { withFaults } from './support/faults.ts';
import { expectFieldError, expectLoadFailed, expectRestoring, fill, submitButton, WAIT } from './support/play.ts';
import { DEMO_MFA } from '../packages/server/src/mfa/seed.ts';
import { backupCodesTable } from '../packages/server/src/mfa/tables.ts';

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

/** Every code used: none left, and a way to make new ones. */
export const NoneLeft: Story = {
  loaders: [async () => {
    const { account } = await withAccount({ user: 'mfa' })();
    account.app.ctx.store.table(backupCodesTable).updateWhere({ user_id: account.client.user!.id }, { used_at: account.app.ctx.now() });
    return { account };
  }],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('0 unused'), WAIT);
    await button(canvasElement, 'Generate new codes');
  },
};

/** New codes need the password; the current ones stop working. */
export const Regenerate: Story = {
  play: async ({ canvasElement }) => {
    await userEvent.click(await button(canvasElement, 'Generate new codes'));
    await waitFor(() => expect(canvasElement.querySelector('input[name="password"]')).toHaveFocus(), WAIT);
  },
};

/** The password checks out: the server's new set, shown once. */
export const Regenerated: Story = {
  play: async (context) => {
    await Regenerate.play!(context);
    const { canvasElement } = context;
    await fill(canvasElement, { password: MFA_LOGIN.password });
    await userEvent.click(submitButton(canvasElement));
    const codes = await waitFor(() => {
      const shown = [...canvasElement.querySelectorAll('.janua-codes li')].map((li) => li.textContent!.trim());
      expect(shown).toHaveLength(10);
      return shown;
    }, WAIT);
    // Made by the server, not the sample set, and not the demo account's published ones.
    for (const code of codes) {
      await expect(SAMPLE_CODES).not.toContain(code);
      await expect(DEMO_MFA.backupCodes).not.toContain(code);
    }
  },
};

/** Without two-step verification there are no codes to show. */
export const NeedsTwoStep: Story = {
  loaders: [withAccount()],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('Turn on two-step verification first.'), WAIT);
  },
};

/** The status's first load gets a 503: the card says something went wrong, and offers Try again. */
export const LoadFailed: Story = {
  loaders: [withFaults({ user: 'mfa', outage: /\/mfa\/status$/ })],
  play: async ({ canvasElement }) => {
    await expectLoadFailed(canvasElement);
    await expect(canvasElement.textContent).not.toContain('unused');
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
