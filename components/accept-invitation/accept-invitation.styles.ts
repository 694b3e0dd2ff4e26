import { css } from 'lit';
import { buttonBase, buttonSecondary } from '../internal/button-look.ts';
import { color, focusRing, fontFamily } from '../internal/tokens.ts';

/** Knobs of <janua-accept-invitation>, read once on the host; the card is the shared one. */
export const acceptInvitationStyles = css`
  :host {
    --_gap: var(--janua-accept-invitation-gap, var(--janua-space, 1rem));
    --_padding: var(--janua-accept-invitation-padding, calc(1.5 * var(--janua-space, 1rem)));
    --_max-width: var(--janua-accept-invitation-max-width, 26rem);
  }
  /* The invited address is one long word: it breaks anywhere rather than push the card wider than a phone. */
  .text {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .again {
    ${buttonBase}
    ${buttonSecondary}
  }
  .again:focus-visible {
    ${focusRing}
  }
`;

/** The invitation shown in the embedded sign-up or sign-in card (light DOM, slotted there). */
export const acceptInvitationLightStyles = css`
  .janua-invite-header {
    display: grid;
    gap: 0.25rem;
  }
  .janua-invite-heading {
    margin: 0;
    font: 700 1.375em / 1.25 ${fontFamily};
    color: ${color.text};
  }
  .janua-invite-text,
  .janua-invite-switch {
    margin: 0;
    font: 400 0.9375em / 1.5 ${fontFamily};
    color: ${color.muted};
  }
  .janua-link-button {
    margin: 0;
    padding: 0;
    font: 600 1em / inherit ${fontFamily};
    color: ${color.primary};
    text-decoration: underline;
    text-underline-offset: 0.2em;
    background: none;
    border: 0;
    cursor: pointer;
  }
  .janua-link-button:focus-visible {
    ${focusRing}
    border-radius: 2px;
  }
`;
