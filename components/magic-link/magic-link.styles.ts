import { css } from 'lit';

/** Knobs of <janua-magic-link>, read once on the host; the card itself is shared. */
export const magicLinkStyles = css`
  :host {
    --_gap: var(--janua-magic-link-gap, var(--janua-space, 1rem));
    --_padding: var(--janua-magic-link-padding, calc(1.5 * var(--janua-space, 1rem)));
    --_max-width: var(--janua-magic-link-max-width, 26rem);
  }
`;
