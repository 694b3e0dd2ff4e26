import { css } from 'lit';

/** Knobs of <janua-sign-up>, read once on the host; the card itself is shared with sign-in. */
export const signUpStyles = css`
  :host {
    --_gap: var(--janua-sign-up-gap, var(--janua-space, 1rem));
    --_padding: var(--janua-sign-up-padding, calc(1.5 * var(--janua-space, 1rem)));
    --_max-width: var(--janua-sign-up-max-width, 26rem);
  }
`;
