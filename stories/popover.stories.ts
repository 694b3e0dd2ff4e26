import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import type { PopupPlacement } from '../components/internal/popup.ts';
import { focusedDeep, queryDeep } from './support/dom.ts';
import { WAIT } from './support/play.ts';
import './support/popup-host.ts';

interface PopoverArgs {
  placement: PopupPlacement;
}

const meta: Meta<PopoverArgs> = {
  title: 'Primitives/Popover',
  parameters: {
    docs: {
      description: {
        component: `The floating panel every menu of the kit opens in (\`PopupController\` and the \`.popup\` rules,
docs/primitives.md): in the top layer, next to its trigger on the side asked for, flipped when there is no room and
shifted to stay on screen; Escape and Tab close it with focus back on the trigger, a click outside closes it. Shown
here in a story-only host built from those modules, holding what \`<janua-user-button>\` holds: a header and a menu.`,
      },
    },
  },
  args: { placement: 'bottom-start' },
  argTypes: { placement: { control: 'inline-radio', options: ['bottom-start', 'bottom-end', 'top-start', 'top-end'] } },
  render: (args) => html`<story-popup kind="panel" placement=${args.placement}></story-popup>`,
};
export default meta;

type Story = StoryObj<PopoverArgs>;

const trigger = (root: HTMLElement) => queryDeep<HTMLButtonElement>(root, '.trigger');
const panel = (root: HTMLElement) => queryDeep<HTMLElement>(root, '.popup');

/** Opens the panel the way a keyboard user does: focus on the trigger, then Enter. */
async function open(root: HTMLElement): Promise<void> {
  const button = await waitFor(() => trigger(root), WAIT);
  button.focus();
  await userEvent.keyboard('{Enter}');
  await waitFor(() => expect(button).toHaveAttribute('aria-expanded', 'true'), WAIT);
  await waitFor(() => expect(panel(root)).toBeVisible(), WAIT);
}

/** Closed: the trigger says it opens a menu and that it is collapsed. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    const button = await waitFor(() => trigger(canvasElement), WAIT);
    await expect(button).toHaveAttribute('aria-haspopup', 'menu');
    await waitFor(() => expect(button).toHaveAttribute('aria-expanded', 'false'), WAIT);
    await expect(panel(canvasElement)).not.toBeVisible();
  },
};

/** Open below the trigger, on its start edge; focus is on the first row of the menu inside. */
export const Open: Story = {
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await waitFor(() => expect(focusedDeep()).toBe(queryDeep(canvasElement, '[role="menuitem"]')), WAIT);
    const below = panel(canvasElement).getBoundingClientRect().top >= trigger(canvasElement).getBoundingClientRect().bottom;
    await expect(below).toBe(true);
  },
};

/** `bottom-end`: the panel lines up with the trigger's end edge (the left one, right to left). */
export const OpenAtEnd: Story = {
  args: { placement: 'bottom-end' },
  render: (args) => html`<div class="story-end"><story-popup kind="panel" placement=${args.placement}></story-popup></div>`,
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    const end = Math.abs(panel(canvasElement).getBoundingClientRect().right - trigger(canvasElement).getBoundingClientRect().right);
    await expect(end).toBeLessThan(1.5);
  },
};

/** `top-start` with room above: the panel opens above its trigger. */
export const OpenAbove: Story = {
  args: { placement: 'top-start' },
  render: (args) => html`<div class="story-room-above"><story-popup kind="panel" placement=${args.placement}></story-popup></div>`,
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await waitFor(() => expect(panel(canvasElement).getBoundingClientRect().bottom).toBeLessThanOrEqual(trigger(canvasElement).getBoundingClientRect().top), WAIT);
  },
};

/** Escape closes it and hands focus back to the trigger. */
export const ClosedByEscape: Story = {
  play: async ({ canvasElement }) => {
    await open(canvasElement);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(focusedDeep()).toBe(trigger(canvasElement)), WAIT);
    await expect(trigger(canvasElement)).toHaveAttribute('aria-expanded', 'false');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: Open.play };
