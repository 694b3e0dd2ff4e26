import { css } from 'lit';
import { color, focusRing } from '../internal/tokens.ts';

export const linkStyles = css`
  :host {
    display: inline;
    --_color: var(--janua-link-color, ${color.primary});
  }
  a {
    color: var(--_color);
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.2em;
    border-radius: 2px;
  }
  a:hover {
    text-decoration-thickness: 2px;
  }
  a:focus-visible {
    ${focusRing}
  }
  @media (forced-colors: active) {
    a {
      color: LinkText;
    }
  }
`;
