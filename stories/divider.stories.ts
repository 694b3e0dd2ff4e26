import { html } from 'lit';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../components/divider/define.ts';
import { manifestArgs } from './support/args.ts';

type DividerArgs = Record<string, unknown>;

const meta: Meta<DividerArgs> = {
  title: 'Primitives/Divider',
  component: 'janua-divider',
  args: { label: 'or' },
  render: (args) => html`<div class="story-form"><janua-divider ${manifestArgs(args)}></janua-divider></div>`,
};
export default meta;

type Story = StoryObj<DividerArgs>;

export const Default: Story = {};

export const PlainLine: Story = {
  args: { label: '' },
  render: () => html`<div class="story-form"><janua-divider></janua-divider></div>`,
};

export const SlottedText: Story = {
  render: () => html`<div class="story-form"><janua-divider>or continue with</janua-divider></div>`,
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };
