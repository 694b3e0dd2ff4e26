import { css } from 'lit';
import { color, focusRing, fontFamily, fontSize, radius } from './tokens.ts';
import { buttonBase, buttonDisabled, buttonGhost, buttonHover, buttonSecondary, spinner } from './button-look.ts';

/*
 * Styles for light-DOM content (credential forms, buttons). They are adopted into the page, so
 * every rule is scoped by an element name or a `janua-` class with at least two simple selectors:
 * that outranks host-page element rules (`input {}`, Tailwind preflight, Bootstrap reboot), which
 * is why the properties those resets touch are all set explicitly here.
 */
export const lightStyles = css`
  janua-provider {
    display: contents;
  }

  .janua-form .janua-fieldset {
    display: grid;
    gap: var(--_gap, 1rem);
    margin: 0;
    padding: 0;
    border: 0;
    min-inline-size: 0;
  }
  .janua-form .janua-row {
    display: grid;
    gap: var(--_gap, 1rem);
    grid-template-columns: repeat(auto-fit, minmax(min(100%, 10rem), 1fr));
  }
  .janua-form .janua-field {
    display: grid;
    gap: 0.375rem;
    margin: 0;
  }
  .janua-form .janua-label {
    display: block;
    margin: 0;
    font: 600 0.875em / 1.4 ${fontFamily};
    color: ${color.text};
    text-transform: none;
    letter-spacing: normal;
  }
  .janua-form .janua-optional {
    font-weight: 400;
    color: ${color.muted};
  }
  .janua-form .janua-input {
    box-sizing: border-box;
    display: block;
    inline-size: 100%;
    min-block-size: 2.75rem;
    margin: 0;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    font: 400 ${fontSize} / 1.5 ${fontFamily};
    letter-spacing: normal;
    text-transform: none;
    color: ${color.text};
    background: ${color.surface};
    border: 1px solid ${color.border};
    border-radius: ${radius};
    box-shadow: none;
    appearance: none;
    outline: none;
    transition: border-color 0.15s ease;
  }
  .janua-form .janua-input:hover {
    border-color: ${color.text};
  }
  .janua-form .janua-input:focus-visible {
    ${focusRing}
    border-color: ${color.focus};
  }
  .janua-form .janua-input[aria-invalid='true'] {
    border-color: ${color.danger};
    border-width: 2px;
  }
  .janua-form .janua-input:disabled {
    opacity: 0.7;
    cursor: not-allowed;
  }
  .janua-form .janua-input-row {
    position: relative;
    display: block;
  }
  .janua-form .janua-input-row .janua-input {
    padding-inline-end: 4.75rem;
  }
  .janua-form .janua-reveal {
    position: absolute;
    inset-block: 0.375rem;
    inset-inline-end: 0.375rem;
    box-sizing: border-box;
    min-inline-size: 3.75rem;
    min-block-size: 1.5rem;
    margin: 0;
    padding-block: 0;
    padding-inline: 0.5rem;
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
  .janua-form .janua-reveal:hover {
    text-decoration: underline;
  }
  .janua-form .janua-reveal:focus-visible {
    ${focusRing}
    outline-offset: 0;
  }
  .janua-form .janua-reveal:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
  .janua-form .janua-hint,
  .janua-form .janua-field-error {
    margin: 0;
    font: 400 0.8125em / 1.4 ${fontFamily};
    color: ${color.muted};
  }
  .janua-form .janua-field-error {
    color: ${color.danger};
    font-weight: 600;
  }
  .janua-form .janua-field-error:empty {
    display: none;
  }

  .janua-form .janua-button {
    ${buttonBase}
  }
  .janua-form .janua-button:hover:not(:disabled) {
    ${buttonHover}
  }
  .janua-form .janua-button:focus-visible {
    ${focusRing}
  }
  .janua-form .janua-button:disabled {
    ${buttonDisabled}
  }
  .janua-form .janua-button[data-variant='secondary'] {
    ${buttonSecondary}
  }
  .janua-form .janua-button[data-variant='ghost'] {
    ${buttonGhost}
  }
  .janua-form .janua-spinner {
    ${spinner}
  }
  .janua-form .janua-check {
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: 0.5rem;
  }
  .janua-form .janua-check .janua-checkbox {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0.125rem 0 0;
    accent-color: ${color.primary};
  }
  .janua-form .janua-check .janua-label {
    font-weight: 400;
  }
  .janua-form .janua-check .janua-hint,
  .janua-form .janua-check .janua-field-error {
    grid-column: 2;
  }
  .janua-form .janua-select {
    appearance: auto;
  }
  @keyframes janua-spin {
    to {
      transform: rotate(1turn);
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .janua-form .janua-spinner {
      animation-duration: 2.5s;
    }
    .janua-form .janua-input,
    .janua-form .janua-button {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    .janua-form .janua-button {
      border: 1px solid ButtonText;
    }
    .janua-form .janua-button:disabled {
      color: GrayText;
      border-color: GrayText;
    }
    .janua-form .janua-reveal {
      color: ButtonText;
    }
    .janua-form .janua-input[aria-invalid='true'] {
      border-color: Mark;
    }
    .janua-form .janua-spinner {
      border-color: ButtonText;
      border-inline-end-color: transparent;
    }
  }
`;
