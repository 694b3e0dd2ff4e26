import { css } from 'lit';
import { color, focusRing, radius, spaceM, spaceS, visuallyHidden } from '../internal/tokens.ts';

export const alertStyles = css`
  :host {
    display: block;
    --_color: var(--janua-alert-color, ${color.text});
    --_accent: var(--janua-alert-accent, ${color.primary});
  }
  :host([variant='error']) {
    --_color: var(--janua-alert-color, ${color.danger});
    --_accent: var(--janua-alert-accent, ${color.danger});
  }
  :host([variant='success']) {
    --_color: var(--janua-alert-color, ${color.success});
    --_accent: var(--janua-alert-accent, ${color.success});
  }
  .base {
    display: flex;
    gap: ${spaceS};
    align-items: flex-start;
    padding-block: ${spaceS};
    padding-inline: ${spaceM};
    color: var(--_color);
    background: ${color.surface};
    border: 1px solid var(--_accent);
    border-inline-start-width: 4px;
    border-radius: ${radius};
    font-size: 0.9375em;
    font-weight: 500;
  }
  .hidden {
    ${visuallyHidden}
  }
  .base.empty {
    padding: 0;
    border: 0;
  }
  .base:focus {
    outline: none;
  }
  .base:focus-visible {
    ${focusRing}
  }
  @media (forced-colors: active) {
    .base {
      border-color: CanvasText;
    }
  }
`;
