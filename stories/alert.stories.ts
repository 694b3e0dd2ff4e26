import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/alert/define.ts';
import '../components/button/define.ts';
import type { JanuaAlert } from '../components/alert/alert.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep } from './support/dom.ts';

type AlertArgs = Record<string, unknown>;

const meta: Meta<AlertArgs> = {
  title: 'Primitives/Alert',
  component: 'janua-alert',
  args: { variant: 'info', message: 'We sent a link to your email address.' },
  argTypes: { variant: { control: 'inline-radio', options: ['info', 'success', 'error'] } },
  render: (args) => html`<janua-alert ${manifestArgs(args)}></janua-alert>`,
};
export default meta;

type Story = StoryObj<AlertArgs>;

export const Default: Story = {};

export const Success: Story = { args: { variant: 'success', message: 'Your password was changed.' } };

/** Errors are announced politely like every status, and say "Error:" in words. */
export const ServerError: Story = {
  args: { variant: 'error', message: 'The email or password is incorrect.' },
  play: async ({ canvasElement }) => {
    await expect(queryDeep(canvasElement, '[role="status"]')).toHaveTextContent(/^\s*Error:\s*The email or password is incorrect\.\s*$/);
  },
};

/** An empty region stays in the page (so a later message is announced) but takes no space. */
export const EmptyThenAnnounced: Story = {
  args: { variant: 'info', message: '' },
  render: (args) => html`<div class="story-stack">
    <janua-alert ${manifestArgs(args)}></janua-alert>
    <janua-button
      variant="secondary"
      label="Send the link again"
      @click=${(event: Event) => {
        const alert = (event.currentTarget as HTMLElement).parentElement!.querySelector<JanuaAlert>('janua-alert')!;
        alert.message = 'We sent another link.';
      }}
    ></janua-button>
  </div>`,
  play: async ({ canvasElement }) => {
    await userEvent.click(queryDeep(canvasElement, 'button'));
    await waitFor(() => expect(queryDeep(canvasElement, '[role="status"]')).toHaveTextContent('We sent another link.'));
  },
};

/** Each tone: a status, a success, an error (said as an error in words, not only in colour). */
export const Tones: Story = {
  render: () => html`<div class="story-stack">
    <janua-alert variant="info" message="We sent a link to your email address."></janua-alert>
    <janua-alert variant="success" message="Your password was changed."></janua-alert>
    <janua-alert variant="error" message="The email or password is incorrect."></janua-alert>
  </div>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(queryDeep(canvasElement, 'janua-alert[variant="error"]').shadowRoot!.textContent).toContain('Error:'));
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, render: Tones.render };
