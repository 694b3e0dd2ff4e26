import { html } from 'lit';
import { expect, userEvent, within } from 'storybook/test';
import { queryAllDeep } from './support/dom.ts';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/button/define.ts';
import { manifestArgs } from './support/args.ts';

type ButtonArgs = Record<string, unknown>;

const meta: Meta<ButtonArgs> = {
  title: 'Primitives/Button',
  component: 'janua-button',
  args: {
    variant: 'primary',
    type: 'button',
    pending: false,
    disabled: false,
    label: 'Continue',
    'pending-label': 'Signing in…',
    inline: false,
  },
  argTypes: {
    variant: { control: 'inline-radio', options: ['primary', 'secondary', 'ghost', 'danger'] },
    type: { control: 'inline-radio', options: ['button', 'submit', 'reset'] },
  },
  render: (args) => html`<janua-button ${manifestArgs(args)}></janua-button>`,
};
export default meta;

type Story = StoryObj<ButtonArgs>;

export const Default: Story = {};

export const Variants: Story = {
  render: () => html`<div class="story-stack">
    <janua-button variant="primary">Primary</janua-button>
    <janua-button variant="secondary">Secondary</janua-button>
    <janua-button variant="ghost">Ghost</janua-button>
    <janua-button variant="danger">Delete account</janua-button>
  </div>`,
};

/** A click while pending must not reach the app: the native button is disabled and busy. */
export const Pending: Story = {
  args: { pending: true },
  play: async ({ canvasElement }) => {
    // The native button is in the element's shadow root, with the label slotted into it.
    const [button] = queryAllDeep<HTMLButtonElement>(canvasElement, 'button');
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(button).toHaveTextContent('Signing in…');
  },
};

/** Disabled: the native button is, and is not busy. */
export const Disabled: Story = {
  args: { disabled: true },
  play: async ({ canvasElement }) => {
    const [button] = queryAllDeep<HTMLButtonElement>(canvasElement, 'button');
    await expect(button).toBeDisabled();
    await expect(button).not.toHaveAttribute('aria-busy');
    await expect(button).toHaveTextContent('Continue');
  },
};

/** A submit button inside a form submits it, as a native one would. */
export const SubmitsItsForm: Story = {
  args: { type: 'submit', label: 'Submit' },
  render: (args) => html`<form
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        (event.target as HTMLFormElement).querySelector('output')!.value = 'Submitted';
      }}
    >
      <janua-button ${manifestArgs(args)}></janua-button>
      <output aria-live="polite"></output>
    </form>`,
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const [button] = queryAllDeep<HTMLButtonElement>(canvasElement, 'button');
    await expect(button).toHaveAccessibleName('Submit');
    await userEvent.click(button!);
    await expect(canvas.getByText('Submitted')).toBeVisible();
  },
};

export const DarkTheme: Story = {
  globals: { theme: 'dark' },
  render: Variants.render,
};
