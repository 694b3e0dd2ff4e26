import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { focusedDeep, queryAllDeep, queryDeep } from './support/dom.ts';
import { WAIT } from './support/play.ts';
import './support/popup-host.ts';

const meta: Meta = {
  title: 'Primitives/Menu',
  parameters: {
    docs: {
      description: {
        component: `The ARIA menu the kit's menu buttons open (\`<janua-org-switcher>\`, \`<janua-user-button>\`): rows
(\`.item\`, \`menuitem\` or \`menuitemradio\`) in the popover, one keyboard model (\`RovingFocus\`): ArrowDown and
ArrowUp move and wrap, Home and End jump, typing a name jumps to it, Enter or Space chooses, Escape and Tab close.
Shown in a story-only host built from those modules, with the org switcher's shape: workspaces, a separator, commands.`,
      },
    },
  },
  render: () => html`<story-popup kind="menu"></story-popup>`,
};
export default meta;

type Story = StoryObj;

const trigger = (root: HTMLElement) => queryDeep<HTMLButtonElement>(root, '.trigger');
const row = (root: HTMLElement, name: string) =>
  queryAllDeep<HTMLElement>(root, '[role^="menuitem"]').find((item) => (item.dataset['label'] ?? item.textContent!.trim()) === name)!;

/** Opens the menu from the keyboard (ArrowDown on the trigger): focus lands on the checked row. */
async function open(root: HTMLElement): Promise<void> {
  const button = await waitFor(() => trigger(root), WAIT);
  button.focus();
  await userEvent.keyboard('{ArrowDown}');
  await waitFor(() => expect(button).toHaveAttribute('aria-expanded', 'true'), WAIT);
  await waitFor(() => expect(focusedDeep()).toBe(row(root, 'Acme')), WAIT);
}

/** Open, focus on the checked workspace: its ring is the kit's ring, drawn inside the row. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await expect(row(canvasElement, 'Acme')).toHaveAttribute('aria-checked', 'true');
    await expect(queryDeep(canvasElement, '[role="menu"]')).toHaveAccessibleName('Switch workspace');
  },
};

/** ArrowDown moves to the next row; End jumps past the separator to the last command. */
export const MovedByKeyboard: Story = {
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await userEvent.keyboard('{ArrowDown}');
    await waitFor(() => expect(focusedDeep()).toBe(row(canvasElement, 'Globex')), WAIT);
    await userEvent.keyboard('{End}');
    await waitFor(() => expect(focusedDeep()).toBe(row(canvasElement, 'Manage organization')), WAIT);
  },
};

/** Typing the start of a name jumps to it. */
export const TypeAhead: Story = {
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await userEvent.keyboard('p');
    await waitFor(() => expect(focusedDeep()).toBe(row(canvasElement, 'Personal workspace')), WAIT);
  },
};

/** Enter chooses: the menu closes, focus is back on the trigger, the choice is checked next time. */
export const Chosen: Story = {
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await userEvent.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(focusedDeep()).toBe(trigger(canvasElement)), WAIT);
    await expect(trigger(canvasElement)).toHaveAttribute('aria-expanded', 'false');
    await expect(row(canvasElement, 'Globex')).toHaveAttribute('aria-checked', 'true');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Default.play };
