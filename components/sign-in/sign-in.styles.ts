import { css } from 'lit';

/** Knobs of <janua-sign-in>, read once on the host; the card itself is shared with sign-up. */
export const signInStyles = css`
  :host {
    --_gap: var(--janua-sign-in-gap, var(--janua-space, 1rem));
    --_padding: var(--janua-sign-in-padding, calc(1.5 * var(--janua-space, 1rem)));
    --_max-width: var(--janua-sign-in-max-width, 26rem);
  }
`;
