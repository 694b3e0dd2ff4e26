import { css, html, nothing, unsafeCSS, type TemplateResult } from 'lit';
import { color, fontFamily } from './tokens.ts';

/**
 * Background colours for initials: each passes 4.5:1 with white text. A user or organization
 * always gets the same one (derived from its id), so people learn to recognise it.
 */
const PALETTE = ['#1d4ed8', '#6d28d9', '#be185d', '#b91c1c', '#9a3412', '#166534', '#0f766e', '#334155'];

/** Up to two initials: first and last word ("Ada Lovelace" → "AL", "acme" → "A", "ada.l@x.io" → "AL"). */
export function initials(name: string): string {
  const words = name.trim().split('@')[0]!.split(/[\s._-]+/u).filter(Boolean);
  const first = words[0]?.[0] ?? '?';
  const last = words.length > 1 ? words.at(-1)![0] : '';
  return `${first}${last ?? ''}`.toLocaleUpperCase();
}

/** A stable palette index for an id (FNV-1a). */
function hue(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  return (h >>> 0) % PALETTE.length;
}

export interface AvatarOptions {
  name: string;
  /** Stable seed for the colour (a user or organization id). */
  seed: string;
  imageUrl?: string | null | undefined;
  /** `part` name for `::part()`. */
  part?: string;
}

/**
 * An image, or initials on a colour derived from `seed`. Decorative (`aria-hidden`): the name
 * next to it, or the control's label, says who it is.
 */
export function avatar(o: AvatarOptions): TemplateResult {
  return html`<span class="avatar" part=${o.part ?? 'avatar'} data-hue=${hue(o.seed)} aria-hidden="true"
    >${o.imageUrl ? html`<img src=${o.imageUrl} alt="">` : nothing}<span class="initials">${initials(o.name)}</span></span>`;
}

/** Sized by `--_avatar-size` (default 2rem); the image covers the initials once it has loaded. */
export const avatarStyles = css`
  .avatar {
    position: relative;
    display: inline-grid;
    place-items: center;
    flex: none;
    inline-size: var(--_avatar-size, 2rem);
    block-size: var(--_avatar-size, 2rem);
    overflow: hidden;
    border-radius: var(--_avatar-radius, 50%);
    font: 600 calc(var(--_avatar-size, 2rem) * 0.4) / 1 ${fontFamily};
    color: var(--janua-avatar-text, #ffffff);
    background: ${color.muted};
  }
  ${unsafeCSS(PALETTE.map((c, i) => `.avatar[data-hue='${i}'] { background: var(--janua-avatar-color-${i}, ${c}); }`).join('\n'))}
  .avatar img {
    position: absolute;
    inset: 0;
    inline-size: 100%;
    block-size: 100%;
    object-fit: cover;
  }
  @media (forced-colors: active) {
    .avatar {
      border: 1px solid CanvasText;
    }
  }
`;
