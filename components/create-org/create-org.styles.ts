import { css } from 'lit';
import { buttonBase, buttonSecondary } from '../internal/button-look.ts';
import { focusRing } from '../internal/tokens.ts';

/** Knobs of <janua-create-org>, read once on the host; the card is the shared one. */
export const createOrgStyles = css`
  :host {
    --_gap: var(--janua-create-org-gap, var(--janua-space, 1rem));
    --_padding: var(--janua-create-org-padding, calc(1.5 * var(--janua-space, 1rem)));
    --_max-width: var(--janua-create-org-max-width, 26rem);
  }
  .again {
    ${buttonBase}
    ${buttonSecondary}
  }
  .again:focus-visible {
    ${focusRing}
  }
`;
