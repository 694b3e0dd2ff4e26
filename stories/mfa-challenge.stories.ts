import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { enMfa, format } from '@janua/core';
import '../components/mfa-challenge/define.ts';
import { manifestArgs } from './support/args.ts';
import { buttonNamed, clickButton } from './support/click.ts';
import { queryDeep } from './support/dom.ts';
import { DEMO_MFA } from '../packages/server/src/mfa/seed.ts';
import { demoTotp } from './support/account.ts';
import { MFA_LOGIN, methodsStory, withMethods, type MethodsStory } from './support/methods.ts';
import { oneTimeTokensTable } from '../packages/server/src/recovery/one-time-tokens.ts';
import { WAIT } from './support/play.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Elements/MFA challenge',
  component: 'janua-mfa-challenge',
  parameters: {
    docs: {
      description: {
        component: `The second factor of a sign-in, against the reference server inside this page: the demo MFA
account (**${MFA_LOGIN.email}**) has passed its password, and the step waits in the page's client. Its app
code comes from the published demo secret; its backup codes are \`demo-code-aaaa\` … \`demo-code-jjjj\`.`,
      },
    },
  },
  args: { 'resend-cooldown': 30 },
  loaders: [withMethods({ mfaPending: true })],
  render: (args, { loaded }) => html`<janua-mfa-challenge .client=${(loaded['methods'] as MethodsStory).client}
    ${manifestArgs(args)}></janua-mfa-challenge>`,
};
export default meta;

type Story = StoryObj<Args>;

const codeField = (root: HTMLElement) => root.querySelector<HTMLInputElement>('input[autocomplete="one-time-code"]');

async function focusedField(root: HTMLElement): Promise<HTMLInputElement> {
  return waitFor(() => {
    const field = codeField(root);
    expect(field).toHaveFocus();
    return field!;
  }, WAIT);
}

const alertText = (root: HTMLElement) => queryDeep(root, '[part="base"][role="status"]');

/** The step as it opens: one code field, focused, with the other factors the account has under it. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const field = await focusedField(canvasElement);
    await expect(field).toHaveAttribute('inputmode', 'numeric');
  },
};

/** A wrong code gets its own message; the field stays for another try. */
export const WrongCode: Story = {
  play: async ({ canvasElement }) => {
    const field = await focusedField(canvasElement);
    const right = await demoTotp();
    await userEvent.type(field, right === '000000' ? '111111' : '000000');
    // Said under the field it is about, which is marked invalid.
    await waitFor(() => expect(canvasElement.querySelector('.janua-field-error')).toHaveTextContent('That code is not right'), WAIT);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  },
};

/**
 * A code another tab already signed in with: this page never saw it, and the server says it was
 * used (`details.reason`), so it gets its own message rather than "not right".
 */
export const ReusedCode: Story = {
  loaders: [withMethods({ mfaPending: true, codeUsedElsewhere: true })],
  play: async ({ canvasElement, loaded }) => {
    const field = await focusedField(canvasElement);
    await userEvent.type(field, (loaded['methods'] as MethodsStory).usedCode);
    await waitFor(() => expect(canvasElement.querySelector('.janua-field-error'))
      .toHaveTextContent('This code was already used. Wait for the next code in your app and enter that one.'), WAIT);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  },
};

/** A code the app showed a minute and a half ago: past its window, so the server says it expired. */
export const ExpiredCode: Story = {
  play: async ({ canvasElement }) => {
    const field = await focusedField(canvasElement);
    await userEvent.type(field, await demoTotp(Date.now() - 90_000));
    await waitFor(() => expect(canvasElement.querySelector('.janua-field-error'))
      .toHaveTextContent('This code has expired. Enter the code your app shows now.'), WAIT);
  },
};

/**
 * A texted code that "Send a new code" replaced: only the latest text works, and the element says
 * so rather than "not right" (`details.reason: "replaced"`, ext). It costs no try.
 */
export const ReplacedCode: Story = {
  args: { 'resend-cooldown': 0 },
  play: async ({ canvasElement, loaded }) => {
    const { app } = loaded['methods'] as MethodsStory;
    const texts = () => app.ctx.outbox.list(DEMO_MFA.phoneNumber);
    await focusedField(canvasElement);
    const before = texts().length;
    await clickButton(canvasElement, 'Send a code by SMS');
    await waitFor(() => expect(texts()).toHaveLength(before + 1), WAIT);
    const first = texts().at(-1)!.code!;
    const resend = await buttonNamed(canvasElement, 'Send a new code');
    await waitFor(() => expect(resend).toBeEnabled(), WAIT);
    await userEvent.click(resend);
    await waitFor(() => expect(texts()).toHaveLength(before + 2), WAIT);
    // Two texts carry the same code once in 10^6: then there is no older one to show.
    if (first === texts().at(-1)!.code) return;
    const field = await focusedField(canvasElement);
    await userEvent.type(field, first);
    await waitFor(() => expect(canvasElement.querySelector('.janua-field-error'))
      .toHaveTextContent('A newer code was sent to your phone. Enter the code from the latest text message.'), WAIT);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  },
};

/**
 * The step lapsed on the server (its 5 minutes passed) before a code came: the element says the
 * step ended and offers to sign in again.
 */
export const StepEnded: Story = {
  play: async ({ canvasElement, loaded }) => {
    const field = await focusedField(canvasElement);
    (loaded['methods'] as MethodsStory).endSteps();
    await userEvent.type(field, await demoTotp());
    await waitFor(() => expect(queryDeep(canvasElement, '[part="subtitle"]'))
      .toHaveTextContent('This sign-in step has ended. Sign in again to continue.'), WAIT);
    await expect(alertText(canvasElement)).toHaveTextContent('This sign-in step has expired. Sign in again.');
    await expect(codeField(canvasElement)).toBeNull();
    await expect(await buttonNamed(canvasElement, 'Sign in again')).toBeVisible();
  },
};

/** "Use a backup code": the field takes a backup code instead. */
export const BackupCode: Story = {
  play: async ({ canvasElement }) => {
    await focusedField(canvasElement);
    await clickButton(canvasElement, 'Use a backup code');
    await waitFor(() => expect(codeField(canvasElement)).toHaveAccessibleName(expect.stringContaining('Backup code')), WAIT);
  },
};

/** "Send a code by SMS": the text goes to the dev outbox, and the resend waits visibly. */
export const TextMessage: Story = {
  play: async ({ canvasElement }) => {
    await focusedField(canvasElement);
    await clickButton(canvasElement, 'Send a code by SMS');
    await waitFor(() => expect(alertText(canvasElement)).toHaveTextContent('We texted a code to your phone'), WAIT);
    await expect(await buttonNamed(canvasElement, /^Send a new code in \d+ s$/)).toBeDisabled();
  },
};

/** The right code from the app: signed in. */
export const Verified: Story = {
  play: async ({ canvasElement }) => {
    const field = await focusedField(canvasElement);
    await userEvent.type(field, await demoTotp());
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent('You are signed in'), WAIT);
  },
};

/** Opened with no step waiting (nobody has passed a password): it says so. */
export const NoStep: Story = {
  loaders: [withMethods()],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(queryDeep(canvasElement, '[part="subtitle"]')).toHaveTextContent('No sign-in is waiting for a code'), WAIT);
  },
};

export const French: Story = {
  args: { locale: 'fr' },
  play: async ({ canvasElement }) => {
    await focusedField(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent('Vérification en deux étapes'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };

/**
 * Few tries left: a step survives ten wrong codes, then the sign-in starts over. Seven are
 * already spent on this step (the server counts them on its row; typing them here would meet
 * the account's lock after five in a row, which lasts from 30 s up), so one more wrong code is
 * refused with two tries left, and the message says so.
 */
export const FewTriesLeft: Story = {
  loaders: [async () => {
    const methods = await methodsStory({ mfaPending: true });
    methods.app.ctx.store.table(oneTimeTokensTable).updateWhere({ purpose: 'mfa_challenge', used_at: null }, { attempts: 7 });
    return { methods };
  }],
  play: async ({ canvasElement }) => {
    const field = await focusedField(canvasElement);
    const right = await demoTotp();
    await userEvent.type(field, right === '000000' ? '111111' : '000000');
    const message = `${enMfa['mfa.error.wrong']} ${format(enMfa['mfa.error.attempts'], { count: 2 }, 'en')}`;
    await waitFor(() => expect(canvasElement.querySelector('.janua-field-error')).toHaveTextContent(message), WAIT);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
  },
};
