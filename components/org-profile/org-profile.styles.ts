import { css } from 'lit';
import { buttonBase, buttonDanger, buttonSecondary } from '../internal/button-look.ts';
import { color, focusRing, fontFamily } from '../internal/tokens.ts';

/** Knobs of <janua-org-profile>, read once on the host; the card is the shared one. */
export const orgProfileStyles = css`
  :host {
    --_gap: var(--janua-org-profile-gap, var(--janua-space, 1rem));
    --_padding: var(--janua-org-profile-padding, calc(1.5 * var(--janua-space, 1rem)));
    --_max-width: var(--janua-org-profile-max-width, 38rem);
  }
  .tab-panel {
    padding-block-start: var(--_gap);
  }
  .ended {
    margin: 0;
  }
  .again {
    ${buttonBase}
    ${buttonSecondary}
    margin-block-start: var(--_gap);
  }
  .again:focus-visible {
    ${focusRing}
  }
`;

/*
 * The panels, in light DOM (adopted into the page like the forms' styles): one janua- class per
 * rule, so page CSS aimed at these hooks wins and bare element rules of the page do not.
 */
export const orgProfileLightStyles = css`
  .janua-members {
    display: grid;
    margin: 0;
    margin-block-start: var(--_gap, 1rem);
    padding: 0;
    list-style: none;
  }
  .janua-member {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    margin: 0;
    padding-block: 0.625rem;
    border-block-end: 1px solid ${color.borderSubtle};
  }
  .janua-who {
    display: grid;
    flex: 1 1 12rem;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .janua-name {
    font-weight: 600;
  }
  .janua-muted,
  .janua-role {
    margin: 0;
    font: 400 0.875em / 1.4 ${fontFamily};
    color: ${color.muted};
  }
  .janua-note {
    flex-basis: 100%;
  }
  .janua-compact {
    inline-size: auto;
    min-block-size: 2.25rem;
    padding-block: 0.25rem;
    padding-inline: 0.75rem;
    font-size: 0.875em;
  }
  .janua-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }
  .janua-confirm {
    display: grid;
    flex-basis: 100%;
    gap: 0.5rem;
  }
  .janua-subheading {
    margin: 0;
    margin-block-start: var(--_gap, 1rem);
    font: 700 1em / 1.4 ${fontFamily};
    color: ${color.text};
  }
  .janua-fieldset > .janua-subheading {
    margin-block-start: 0;
  }
  .janua-facts {
    display: grid;
    grid-template-columns: max-content 1fr;
    gap: 0.5rem 1rem;
    margin: 0;
  }
  .janua-facts > dt {
    font-weight: 600;
  }
  .janua-facts > dd {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .janua-danger {
    margin-block-start: calc(1.5 * var(--_gap, 1rem));
    padding-block-start: var(--_gap, 1rem);
    border-block-start: 1px solid ${color.borderSubtle};
  }
  .janua-warning {
    margin: 0;
    color: ${color.danger};
    font-weight: 600;
  }
  .janua-button[data-variant='danger'] {
    ${buttonDanger}
  }
`;
