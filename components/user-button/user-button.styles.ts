import { css } from 'lit';
import { color, focusRing, spaceS, spaceXs, visuallyHidden } from '../internal/tokens.ts';

/**
 * The host has the avatar's size from the start (also while the session restores), so the page
 * around it never moves; it takes no room once the visitor turns out to be signed out.
 */
export const userButtonStyles = css`
  :host {
    --_size: var(--janua-user-button-size, 2.25rem);
    --_avatar-size: var(--_size);
    display: inline-block;
    flex: none;
    vertical-align: middle;
    inline-size: var(--_size);
    block-size: var(--_size);
  }
  :host(:state(signed-out)) {
    display: none;
  }
  .trigger,
  .placeholder {
    display: block;
    box-sizing: border-box;
    inline-size: 100%;
    block-size: 100%;
    margin: 0;
    padding: 0;
    border: 0;
    border-radius: 50%;
  }
  .trigger {
    position: relative;
    background: none;
    cursor: pointer;
  }
  .trigger:focus-visible {
    ${focusRing}
  }
  .sr {
    ${visuallyHidden}
  }
  .placeholder {
    background: ${color.surfaceMuted};
  }
  .who {
    padding-block: ${spaceXs};
    padding-inline: ${spaceS};
  }
  .name,
  .email {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .name {
    font-weight: 600;
  }
  .email {
    font-size: 0.875em;
    color: ${color.muted};
  }
  @media (forced-colors: active) {
    .placeholder {
      border: 1px solid CanvasText;
    }
  }
`;
