import { css } from 'lit';
import { focusRing } from '../internal/tokens.ts';
import {
  buttonBase, buttonDanger, buttonDisabled, buttonGhost, buttonHover, buttonSecondary, spinner,
} from '../internal/button-look.ts';

/** `<janua-button>`'s shadow styles: the shared button look, variants keyed on the host. */
export const buttonStyles = css`
  :host {
    display: block;
  }
  :host([inline]) {
    display: inline-block;
  }
  .janua-button {
    ${buttonBase}
  }
  :host([inline]) .janua-button {
    inline-size: auto;
  }
  .janua-button:focus-visible {
    ${focusRing}
  }
  .janua-button:disabled {
    ${buttonDisabled}
  }
  :host([variant='secondary']) .janua-button {
    ${buttonSecondary}
  }
  :host([variant='ghost']) .janua-button {
    ${buttonGhost}
  }
  :host([variant='danger']) .janua-button {
    ${buttonDanger}
  }
  /* After the variants, which are as specific: each variant's --_hover-bg shows under the pointer. */
  .janua-button:hover:not(:disabled) {
    ${buttonHover}
  }
  .janua-spinner {
    ${spinner}
  }
  @keyframes janua-spin {
    to {
      transform: rotate(1turn);
    }
  }
  /* The transition stops under reduced motion through hostBase; the spinner only slows down. */
  @media (prefers-reduced-motion: reduce) {
    .janua-spinner {
      animation-duration: 2.5s;
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
    .janua-spinner {
      border-color: ButtonText;
      border-inline-end-color: transparent;
    }
  }
`;
