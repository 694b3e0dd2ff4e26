import { css } from 'lit';
import { color, focusRing, focusRingInset, fontFamily, fontSize, motionDuration, radius, spaceM, spaceS, spaceXs, visuallyHidden } from './tokens.ts';
import { buttonBase, buttonDisabled, buttonGhost, buttonHover, buttonSecondary, spinner } from './button-look.ts';

/*
 * Styles for light-DOM content (credential forms and their buttons). They are adopted into the
 * page, so they meet the page's own rules. Each rule is one `janua-` class (specificity 0,1,0),
 * plus a state where there is one:
 * - a host page's bare element rules (`input {}`, `button, [type='submit'] {}`, Tailwind's
 *   preflight, Bootstrap's reboot) are at most as specific, and adopted sheets come after the
 *   page's sheets, so they never restyle ours — which is why every property those resets touch is
 *   set explicitly here;
 * - page CSS of ordinary specificity aimed at our hooks (`janua-sign-in .janua-input`, 0,1,1)
 *   wins, as the README promises. Rules that scope a bare element by a class of the page
 *   (`.card input`) are equally specific and win too: that is the page's author speaking.
 */
export const lightStyles = css`
  janua-provider {
    display: contents;
  }

  [data-janua-region] [hidden] {
    display: none !important;
  }
  .janua-alternatives,
  .janua-link-sent,
  .janua-providers {
    display: grid;
    gap: calc(0.75 * var(--_gap, 1rem));
    margin: 0;
  }
  /* Holds focus while the form's fieldset is disabled: heard, and seen as the ring on its button. */
  .janua-pending-focus {
    ${visuallyHidden}
  }
  .janua-form + .janua-alternatives {
    margin-block-start: var(--_gap, 1rem);
  }

  .janua-fieldset {
    display: grid;
    gap: var(--_gap, 1rem);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .janua-row {
    display: grid;
    gap: var(--_gap, 1rem);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
  }
  .janua-field {
    display: grid;
    gap: ${spaceS};
    margin: 0;
  }
  .janua-label {
    display: block;
    margin: 0;
    font: 600 0.875em / 1.4 ${fontFamily};
    color: ${color.text};
    text-transform: none;
    letter-spacing: normal;
  }
  .janua-optional {
    font-weight: 400;
    color: ${color.muted};
  }
  .janua-input {
    box-sizing: border-box;
    display: block;
    inline-size: 100%;
    min-block-size: 2.75rem;
    margin: 0;
    padding-block: ${spaceS};
    padding-inline: ${spaceM};
    font: 400 ${fontSize} / 1.5 ${fontFamily};
    letter-spacing: normal;
    text-transform: none;
    color: ${color.text};
    background: ${color.inputBackground};
    border: 1px solid ${color.border};
    border-radius: ${radius};
    box-shadow: none;
    appearance: none;
    outline: none;
    transition: border-color ${motionDuration};
  }
  .janua-input:hover {
    border-color: ${color.text};
  }
  .janua-input:focus-visible {
    ${focusRing}
    border-color: ${color.focus};
  }
  .janua-input[aria-invalid='true'] {
    border-color: ${color.danger};
    border-width: 2px;
  }
  .janua-input-row {
    position: relative;
    display: block;
  }
  .janua-input-row .janua-input {
    padding-inline-end: 4.75rem;
  }
  .janua-reveal {
    position: absolute;
    inset-block: ${spaceXs};
    inset-inline-end: ${spaceXs};
    box-sizing: border-box;
    min-inline-size: 3.75rem;
    min-block-size: 1.5rem;
    margin: 0;
    padding-block: 0;
    padding-inline: ${spaceS};
    font: 600 0.875em / 1 ${fontFamily};
    letter-spacing: normal;
    text-transform: none;
    color: ${color.primary};
    background: transparent;
    border: 0;
    border-radius: calc(${radius} - 0.125rem);
    box-shadow: none;
    appearance: none;
    cursor: pointer;
  }
  .janua-reveal:hover {
    text-decoration: underline;
  }
  .janua-reveal:focus-visible {
    ${focusRingInset}
  }
  .janua-hint,
  .janua-field-error {
    margin: 0;
    font: 400 0.8125em / 1.4 ${fontFamily};
    color: ${color.muted};
  }
  .janua-field-error {
    color: ${color.danger};
    font-weight: 600;
  }
  .janua-field-error:empty {
    display: none;
  }

  .janua-button {
    ${buttonBase}
  }
  .janua-button:hover:not(:disabled) {
    ${buttonHover}
  }
  .janua-button:focus-visible,
  .janua-submit:has(+ .janua-pending-focus:focus-visible) {
    ${focusRing}
  }
  /* One disabled look for every control of a form. */
  .janua-input:disabled,
  .janua-reveal:disabled,
  .janua-button:disabled {
    ${buttonDisabled}
  }
  .janua-button[data-variant='secondary'] {
    ${buttonSecondary}
  }
  .janua-button[data-variant='ghost'] {
    ${buttonGhost}
  }
  .janua-spinner {
    ${spinner}
  }
  @keyframes janua-spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .janua-spinner {
      animation-duration: 2.5s;
    }
    .janua-input,
    .janua-button {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    .janua-button {
      border: 1px solid ButtonText;
    }
    .janua-button:disabled {
      color: GrayText;
      border-color: GrayText;
    }
    .janua-reveal {
      color: ButtonText;
    }
    .janua-input[aria-invalid='true'] {
      border-color: Mark;
    }
    .janua-spinner {
      border-color: ButtonText;
      border-inline-end-color: transparent;
    }
  }
`;
