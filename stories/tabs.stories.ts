import { css, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { enOrg } from '@janua/core';
import { uid } from '../components/internal/ids.ts';
import { JanuaElement } from '../components/internal/janua-element.ts';
import { hostBase } from '../components/internal/styles.ts';
import { Tabs, tabsStyles, type Tab } from '../components/internal/tabs.ts';
import { space } from '../components/internal/tokens.ts';
import { focusedDeep, queryAllDeep, queryDeep } from './support/dom.ts';
import { WAIT } from './support/play.ts';

/*
 * The kit's tabs are `Tabs` and `tabsStyles` of components/internal/tabs.ts, which
 * <janua-org-profile> renders in its card. This story-only host renders the same tab list and
 * panel through that code, with the org profile's three tabs, so the tabs show on their own.
 */
type Id = 'general' | 'members' | 'invitations';

const PANELS: Record<Id, string> = {
  general: 'The name, the address and the logo of the organization.',
  members: 'Who is in the organization, and in which role.',
  invitations: 'Invitations sent and not yet accepted.',
};

class StoryTabs extends JanuaElement {
  static override properties: PropertyDeclarations = { selected: {} };
  static override styles = [hostBase, tabsStyles, css`
    :host {
      display: block;
      max-inline-size: 32rem;
    }
    .tab-panel p {
      margin: 0;
      padding-block-start: ${space};
    }
  `];

  declare selected: Id;
  private readonly base = uid();
  private readonly tabs = new Tabs<Id>(() => this.renderRoot, (id) => {
    this.selected = id;
  });

  constructor() {
    super();
    this.selected = 'general';
  }

  protected override render(): TemplateResult {
    const tabs: Tab<Id>[] = (['general', 'members', 'invitations'] as const).map((id) => ({ id, label: enOrg[`org.tab.${id}`] }));
    const state = { label: enOrg['org.tabs'], base: this.base, tabs, selected: this.selected };
    return html`${this.tabs.list(state)}${this.tabs.panel(state, html`<p>${PANELS[this.selected]}</p>`)}`;
  }
}
if (!customElements.get('story-tabs')) customElements.define('story-tabs', StoryTabs);

interface TabsArgs {
  selected: Id;
}

const meta: Meta<TabsArgs> = {
  title: 'Primitives/Tabs',
  parameters: {
    docs: {
      description: {
        component: `The ARIA tabs pattern as \`<janua-org-profile>\` uses it (docs/primitives.md): one tab in the Tab
order (the selected one); Left and Right move between tabs (mirrored right to left), Home and End jump, and the
selection follows focus. Shown in a story-only host built from \`Tabs\` and \`tabsStyles\`.`,
      },
    },
  },
  args: { selected: 'general' },
  argTypes: { selected: { control: 'inline-radio', options: ['general', 'members', 'invitations'] } },
  render: (args) => html`<story-tabs selected=${args.selected}></story-tabs>`,
};
export default meta;

type Story = StoryObj<TabsArgs>;

const tab = (root: HTMLElement, name: string) => queryAllDeep<HTMLElement>(root, '[role="tab"]').find((t) => t.textContent!.trim() === name)!;

/** The first tab selected; the panel is labelled by it. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(tab(canvasElement, 'General')).toHaveAttribute('aria-selected', 'true'), WAIT);
    await expect(queryDeep(canvasElement, '[role="tabpanel"]')).toHaveAccessibleName('General');
  },
};

/** Another tab selected. */
export const Selected: Story = {
  args: { selected: 'members' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(tab(canvasElement, 'Members')).toHaveAttribute('aria-selected', 'true'), WAIT);
    await expect(tab(canvasElement, 'General')).toHaveAttribute('tabindex', '-1');
  },
};

/** From the keyboard: on the selected tab (the one Tab reaches), ArrowRight selects the next one, which shows the ring. */
export const MovedByKeyboard: Story = {
  play: async ({ canvasElement }) => {
    const general = await waitFor(() => {
      const found = tab(canvasElement, 'General');
      expect(found).toHaveAttribute('tabindex', '0');
      return found;
    }, WAIT);
    general.focus();
    await userEvent.keyboard('{ArrowRight}');
    await waitFor(() => expect(focusedDeep()).toBe(tab(canvasElement, 'Members')), WAIT);
    await expect(tab(canvasElement, 'Members')).toHaveAttribute('aria-selected', 'true');
    await expect(queryDeep(canvasElement, '[role="tabpanel"]')).toHaveTextContent(PANELS.members);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, play: MovedByKeyboard.play };
