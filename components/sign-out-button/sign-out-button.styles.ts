import { css } from 'lit';
import { buttonStyles } from '../button/button.styles.ts';
import { hostBase } from '../internal/styles.ts';

/** The same look as `<janua-button inline>` (variants keyed on the host's reflected `variant`). */
export const signOutButtonStyles = [
  hostBase,
  buttonStyles,
  css`
    :host {
      display: inline-block;
    }
    .janua-button {
      inline-size: auto;
    }
  `,
];
