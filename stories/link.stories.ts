import { html } from 'lit';
import { expect } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/link/define.ts';
import { manifestArgs } from './support/args.ts';
import { queryDeep } from './support/dom.ts';

type LinkArgs = Record<string, unknown> & { text: string };

const meta: Meta<LinkArgs> = {
  title: 'Primitives/Link',
  component: 'janua-link',
  args: { href: '#forgot-password', text: 'Forgot password?' },
  argTypes: { text: { control: 'text', description: 'The slotted link text.' } },
  render: (args) => html`<janua-link ${manifestArgs(args)}>${args.text}</janua-link>`,
};
export default meta;

type Story = StoryObj<LinkArgs>;

export const Default: Story = {
  play: async ({ canvasElement }) => {
    // The anchor lives in the shadow root; its text is the slotted light-DOM text.
    const link = queryDeep<HTMLAnchorElement>(canvasElement, 'a[part="link"]');
    await expect(link).toHaveAttribute('href', '#forgot-password');
    await expect(canvasElement.querySelector('janua-link')).toHaveTextContent('Forgot password?');
  },
};

export const InASentence: Story = {
  args: { href: '#sign-up', text: 'Create an account' },
  render: (args) => html`<p>New here? <janua-link ${manifestArgs(args)}>${args.text}</janua-link></p>`,
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, render: InASentence.render, args: InASentence.args };
