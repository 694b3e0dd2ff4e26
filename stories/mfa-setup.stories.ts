import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { enAccount, mfa } from '@janua/core';
import '../components/mfa-setup/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep } from './support/dom.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { accountClient, accountStory, MFA_LOGIN, NEW_ACCOUNT, withAccount } from './support/account.ts';
import { withFaults } from './support/faults.ts';
import { STORY_API } from './support/janua.ts';
import { alertsShown, expectFieldError, expectLoadFailed, expectRestoring, fill, submitButton, WAIT } from './support/play.ts';
import { DEMO_MFA } from '../packages/server/src/mfa/seed.ts';
import { totp } from '../tests/unit/totp.ts';

type Args = Record<string, unknown>;

const meta: Meta<Args> = {
  title: 'Account/MFA setup',
  component: 'janua-mfa-setup',
  parameters: {
    docs: { description: { component: `Signed in as **${DEMO_LOGIN.email}** (password \`${DEMO_LOGIN.password}\`) on the in-page server.` } },
  },
  loaders: [withAccount()],
  render: (args, { loaded }) => html`<janua-mfa-setup .client=${accountClient(loaded)} ${manifestArgs(args)}></janua-mfa-setup>`,
};
export default meta;

type Story = StoryObj<Args>;

/** Clicks the light-DOM button whose text is `text`, once it is there. */
async function click(root: HTMLElement, text: string): Promise<void> {
  const button = await waitFor(() => {
    const found = [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.trim() === text);
    if (!found) throw new Error(`no "${text}" button yet`);
    return found;
  }, WAIT);
  await userEvent.click(button);
}

/** Off: both factors can be set up. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('.janua-item')).toHaveLength(2), WAIT);
  },
};

/** Setting up the app asks for the password first. */
export const ConfirmPassword: Story = {
  play: async ({ canvasElement }) => {
    await click(canvasElement, 'Set up');
    await waitFor(() => expect(canvasElement.querySelector('input[name="password"]')).toHaveFocus(), WAIT);
  },
};

export const WrongPassword: Story = {
  play: async (context) => {
    await ConfirmPassword.play!(context);
    await fill(context.canvasElement, { password: 'not the password' });
    await click(context.canvasElement, 'Continue');
    await expectFieldError(context.canvasElement, 'password', 'not correct');
  },
};

/**
 * An account without a password (as a social or SSO sign-in leaves it), signed in just now: it has
 * no password to confirm with, so Set up goes straight to the QR code.
 */
export const WithoutPassword: Story = {
  loaders: [withAccount({ user: 'new', noPassword: 'recent' })],
  play: async ({ canvasElement }) => {
    await click(canvasElement, 'Set up');
    await waitFor(() => expect(canvasElement.querySelector('img.janua-qr')).toBeTruthy(), WAIT);
    expect(canvasElement.querySelector('input[type="password"]')).toBeNull();
  },
};

/** The same account signed in over ten minutes ago: the server wants a new sign-in, and the alert says so. */
export const SignInAgain: Story = {
  loaders: [withAccount({ user: 'new', noPassword: 'stale' })],
  play: async ({ canvasElement }) => {
    await click(canvasElement, 'Set up');
    await waitFor(() => expect(canvasElement.querySelector('janua-mfa-setup')!.shadowRoot!.querySelector('janua-alert')!.message)
      .toBe(enAccount['error.FORBIDDEN.reauthentication_required']), WAIT);
  },
};

/** The server's QR code and the setup key, grouped by four, then the first code. */
export const ScanCode: Story = {
  play: async (context) => {
    await ConfirmPassword.play!(context);
    await fill(context.canvasElement, { password: DEMO_LOGIN.password });
    await click(context.canvasElement, 'Continue');
    await waitFor(() => expect(context.canvasElement.querySelector('img.janua-qr')).toBeTruthy(), WAIT);
  },
};

/** The first code checks out: the backup codes, shown once, to copy, download or print. */
export const BackupCodes: Story = {
  play: async (context) => {
    await ScanCode.play!(context);
    const secret = context.canvasElement.querySelector('.janua-secret')!.textContent!.replace(/\s/g, '');
    await fill(context.canvasElement, { code: await totp(secret) });
    await click(context.canvasElement, 'Verify');
    await waitFor(() => expect(queryDeep(context.canvasElement, '.janua-codes')).toBeTruthy(), WAIT);
  },
};

/** A first code the app showed a minute and a half ago: the server says it expired, and so does the card. */
export const ExpiredFirstCode: Story = {
  play: async (context) => {
    await ScanCode.play!(context);
    const secret = context.canvasElement.querySelector('.janua-secret')!.textContent!.replace(/\s/g, '');
    await fill(context.canvasElement, { code: await totp(secret, Date.now() - 90_000) });
    await click(context.canvasElement, 'Verify');
    await expectFieldError(context.canvasElement, 'code', 'This code has expired. Enter the code your app shows now.');
  },
};

/** Text-message codes: a mobile number and the password. */
export const TextMessage: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelectorAll('.janua-item button')).toHaveLength(2), WAIT);
    await userEvent.click(canvasElement.querySelectorAll<HTMLButtonElement>('.janua-item button')[1]!);
    await waitFor(() => expect(canvasElement.querySelector('input[name="phone_number"]')).toHaveFocus(), WAIT);
  },
};

/**
 * The texted code's 5 wrong tries were used up (from another tab, say): even the right code is
 * refused now, and the card says so and to send a new one.
 */
export const PhoneCodeUsedUp: Story = {
  play: async (context) => {
    const { canvasElement, loaded } = context;
    const phone = '+14155550143';
    await TextMessage.play!(context);
    await fill(canvasElement, { phone_number: phone, password: DEMO_LOGIN.password });
    await click(canvasElement, 'Send code');
    await waitFor(() => expect(canvasElement.querySelector('input[name="code"]')).toHaveFocus(), WAIT);
    const { app } = (loaded as { account: Awaited<ReturnType<typeof accountStory>> }).account;
    const res = await app.fetch(new Request(`${STORY_API}/api/v1/dev/outbox?to=${encodeURIComponent(phone)}`));
    const sms = ((await res.json()) as { code?: string; text: string }[]).at(-1)!;
    const right = sms.code ?? /\d{6}/.exec(sms.text)![0];
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await mfa(accountClient(loaded)).confirmSms(wrong).catch(() => undefined);
    await fill(canvasElement, { code: right });
    await click(canvasElement, 'Verify');
    await expectFieldError(canvasElement, 'code', 'Too many wrong tries: this code no longer works. Send a new one.');
  },
};

/** On (the demo MFA account: app, text messages and backup codes). */
export const On: Story = {
  loaders: [withAccount({ user: 'mfa' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('Turn off two-step verification'), WAIT);
  },
};

/** Turning it off asks for the password and a code. */
export const TurnOff: Story = {
  loaders: [withAccount({ user: 'mfa' })],
  play: async ({ canvasElement }) => {
    await click(canvasElement, 'Turn off two-step verification');
    await waitFor(() => expect(canvasElement.querySelector('input[name="code"]')).toBeTruthy(), WAIT);
  },
};

/** The password and a backup code check out: off, said in the alert, and both factors can be set up again. */
export const TurnedOff: Story = {
  loaders: [withAccount({ user: 'mfa' })],
  play: async (context) => {
    const { canvasElement } = context;
    await TurnOff.play!(context);
    await fill(canvasElement, { password: MFA_LOGIN.password, code: DEMO_MFA.backupCodes[0]! });
    await userEvent.click(submitButton(canvasElement));
    await waitFor(() => {
      expect(alertsShown(canvasElement)).toEqual([enAccount['account.mfaOff']]);
      expect(canvasElement.querySelectorAll('.janua-item button')).toHaveLength(2);
    }, WAIT);
    await expect(canvasElement.textContent).not.toContain(enAccount['account.turnOff']);
  },
};

/**
 * Text messages are the only factor and no backup code is left: the code field may stay empty,
 * and "Text me a code" has the server text one (after the password checks out).
 */
export const TurnOffTextOnly: Story = {
  loaders: [async () => {
    const account = await accountStory({ user: 'new' });
    const phone = '+14155550142';
    await mfa(account.client).enableSms({ password: NEW_ACCOUNT.password, phoneNumber: phone });
    const res = await account.app.fetch(new Request(`${STORY_API}/api/v1/dev/outbox?to=${encodeURIComponent(phone)}`));
    const [sms] = ((await res.json()) as { code?: string; text: string }[]).reverse();
    await mfa(account.client).confirmSms(sms!.code ?? /\d{6}/.exec(sms!.text)![0]);
    return { account };
  }],
  play: async ({ canvasElement }) => {
    await click(canvasElement, 'Turn off two-step verification');
    await fill(canvasElement, { password: NEW_ACCOUNT.password });
    await click(canvasElement, 'Text me a code');
    await waitFor(() => expect(canvasElement.querySelector('input[name="code"]')).toHaveFocus(), WAIT);
  },
};

/** The status's first load gets a 503: the card says something went wrong, and offers Try again. */
export const LoadFailed: Story = {
  loaders: [withFaults({ user: 'demo', outage: /\/mfa\/status$/ })],
  play: async ({ canvasElement }) => {
    await expectLoadFailed(canvasElement);
    await expect(canvasElement.querySelectorAll('.janua-item')).toHaveLength(0);
  },
};

/** The session is being restored: placeholders of the loaded size. */
export const Loading: Story = {
  loaders: [withClient({ refreshTransport: 'cookie', latency: { paths: /\/auth\/refresh$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await expectRestoring(canvasElement, 'janua-mfa-setup');
    expect(canvasElement.querySelectorAll('.janua-skeleton')).toHaveLength(2);
  },
};

export const SignedOut: Story = {
  loaders: [withAccount({ user: 'none' })],
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.textContent).toContain('Sign in to manage your account.'), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: ScanCode.play };
