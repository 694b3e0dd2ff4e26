import { css, html, type PropertyDeclarations, type TemplateResult } from 'lit';
import { expect, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { avatar, avatarStyles } from '../components/internal/avatar.ts';
import { JanuaElement } from '../components/internal/janua-element.ts';
import { hostBase } from '../components/internal/styles.ts';
import { spaceS } from '../components/internal/tokens.ts';
import { queryAllDeep } from './support/dom.ts';
import { WAIT } from './support/play.ts';

/*
 * The kit's avatar is `avatar()` and `avatarStyles` of components/internal/avatar.ts, drawn by
 * <janua-user-button> and <janua-org-switcher>. It is decorative (`aria-hidden`): the name next
 * to it says who it is. This story-only host draws it through that code, with the name beside it,
 * as a row of the switcher's menu does.
 */
class StoryAvatar extends JanuaElement {
  static override properties: PropertyDeclarations = { name: {}, seed: {}, image: {}, square: { type: Boolean } };
  static override styles = [hostBase, avatarStyles, css`
    :host {
      display: flex;
      align-items: center;
      gap: ${spaceS};
      --_avatar-size: 2.5rem;
    }
    :host([square]) {
      --_avatar-radius: 0.375rem;
    }
  `];

  declare name: string;
  declare seed: string;
  declare image: string;
  declare square: boolean;

  constructor() {
    super();
    this.name = 'Ada Lovelace';
    this.seed = 'user-ada';
    this.image = '';
    this.square = false;
  }

  protected override render(): TemplateResult {
    return html`${avatar({ name: this.name, seed: this.seed, imageUrl: this.image || null })}<span>${this.name || 'Unnamed'}</span>`;
  }
}
if (!customElements.get('story-avatar')) customElements.define('story-avatar', StoryAvatar);

/** A portrait drawn in the page itself (no request leaves Storybook). */
const PICTURE = `data:image/svg+xml,${encodeURIComponent(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 40">
<rect width="40" height="40" fill="#0f766e"/><circle cx="20" cy="16" r="7" fill="#ccfbf1"/>
<path d="M6 40c2-9 8-13 14-13s12 4 14 13z" fill="#ccfbf1"/></svg>`)}`;
/** An image that cannot be decoded: what a broken or blocked picture URL leaves. */
const BROKEN = 'data:image/png;base64,AAAA';

interface AvatarArgs {
  name: string;
  seed: string;
  image: string;
  square: boolean;
}

const meta: Meta<AvatarArgs> = {
  title: 'Primitives/Avatar',
  parameters: {
    docs: {
      description: {
        component: `A person's or an organization's picture, or their initials on a colour derived from their id
(\`--janua-avatar-color-0\` … \`-7\`, each AA with \`--janua-avatar-text\`). Decorative: the name beside it is what
assistive technology reads. Shown in a story-only host built from \`avatar()\` and \`avatarStyles\`.`,
      },
    },
  },
  args: { name: 'Ada Lovelace', seed: 'user-ada', image: '', square: false },
  render: (args) => html`<story-avatar name=${args.name} seed=${args.seed} image=${args.image} ?square=${args.square}></story-avatar>`,
};
export default meta;

type Story = StoryObj<AvatarArgs>;

const initialsOf = (root: HTMLElement) => queryAllDeep(root, '.initials').map((i) => i.textContent);

/** Initials on the colour of the person's id. */
export const Default: Story = {
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(initialsOf(canvasElement)).toEqual(['AL']), WAIT);
    await expect(queryAllDeep(canvasElement, '.avatar')[0]).toHaveAttribute('aria-hidden', 'true');
  },
};

/** A picture covers the initials once it has loaded. */
export const Image: Story = {
  args: { image: PICTURE },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(queryAllDeep<HTMLImageElement>(canvasElement, '.avatar img')[0]?.complete).toBe(true), WAIT);
    await expect(queryAllDeep<HTMLImageElement>(canvasElement, '.avatar img')[0]!.naturalWidth).toBeGreaterThan(0);
  },
};

/** A picture that fails to load leaves the initials in view. */
export const Fallback: Story = {
  args: { image: BROKEN },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(queryAllDeep<HTMLImageElement>(canvasElement, '.avatar img')[0]?.complete).toBe(true), WAIT);
    await expect(queryAllDeep<HTMLImageElement>(canvasElement, '.avatar img')[0]!.naturalWidth).toBe(0);
    await expect(initialsOf(canvasElement)).toEqual(['AL']);
  },
};

/** No name at all: a question mark. */
export const NoName: Story = {
  args: { name: '' },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(initialsOf(canvasElement)).toEqual(['?']), WAIT);
  },
};

/** An organization's square tile (as in the switcher), and the eight initials colours. */
export const Palette: Story = {
  // Seeds picked so that the eight rows show the eight colours, in order.
  render: () => html`<div class="story-stack">${['Umbrella', 'Hooli', 'Acme', 'Globex', 'Wonka', 'Stark', 'Wayne', 'Cyberdyne']
    .map((name) => html`<story-avatar square name=${name} seed=${`org-${name.toLowerCase()}`}></story-avatar>`)}</div>`,
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(queryAllDeep(canvasElement, '.avatar').map((a) => a.dataset['hue'])).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']), WAIT);
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' }, render: Palette.render, play: Palette.play };
