import { css } from 'lit';

/** Knobs of <janua-mfa-challenge>, read once on the host; the card itself is shared. */
export const mfaChallengeStyles = css`
  :host {
    --_gap: var(--janua-mfa-challenge-gap, var(--janua-space, 1rem));
    --_padding: var(--janua-mfa-challenge-padding, calc(1.5 * var(--janua-space, 1rem)));
    --_max-width: var(--janua-mfa-challenge-max-width, 26rem);
  }
`;
