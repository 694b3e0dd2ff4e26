import { css } from 'lit';
import { color, disabledOpacity, focusRing, fontFamily, fontSize, popover, radius, spaceS, spaceXs } from '../internal/tokens.ts';

/** The trigger, the rows of the menu and the dialog of <janua-org-switcher> (shadow DOM). */
export const orgSwitcherStyles = css`
  :host {
    --_max-width: var(--janua-org-switcher-max-width, 16rem);
    display: inline-block;
    position: relative;
    font-family: ${fontFamily};
    font-size: ${fontSize};
    color: ${color.text};
  }
  .trigger {
    --_avatar-size: 1.75rem;
    --_avatar-radius: 0.375rem;
    display: inline-flex;
    align-items: center;
    gap: ${spaceS};
    max-inline-size: var(--_max-width);
    margin: 0;
    padding-block: ${spaceXs};
    padding-inline: ${spaceXs} ${spaceS};
    font: inherit;
    text-align: start;
    color: inherit;
    background: transparent;
    border: 1px solid ${color.borderSubtle};
    border-radius: ${radius};
    cursor: pointer;
  }
  .trigger:hover {
    background: ${popover.hover};
  }
  .trigger:focus-visible {
    ${focusRing}
  }
  .trigger[aria-disabled='true'],
  .trigger[aria-busy='true'] {
    cursor: progress;
    opacity: ${disabledOpacity};
  }
  .text {
    display: grid;
    min-inline-size: 0;
    line-height: 1.25;
  }
  .name {
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    font-weight: 600;
  }
  .role {
    font-size: 0.8125em;
    color: ${color.muted};
  }
  .chevron {
    flex: none;
    inline-size: 0.4rem;
    block-size: 0.4rem;
    margin-inline: ${spaceXs};
    border-block-end: 2px solid currentColor;
    border-inline-end: 2px solid currentColor;
    transform: translateY(-25%) rotate(45deg);
  }
  /*
   * The borders are logical (they swap sides in RTL): turn the other way so it still points down.
   * Asked of the host: WebKit leaves a slot's fallback content (the default trigger) out of
   * :dir(rtl) when the host was already right-to-left at its first render.
   */
  :host(:dir(rtl)) .chevron {
    transform: translateY(-25%) rotate(-45deg);
  }
  .popup {
    --_avatar-size: 1.75rem;
    --_avatar-radius: 0.375rem;
  }
  .group {
    max-block-size: min(18rem, 50vh);
    overflow-y: auto;
  }
  /* Rows out of view cost no layout or paint: 200 organizations scroll like 10. */
  .group > .item {
    content-visibility: auto;
    contain-intrinsic-size: auto 2.5rem;
  }
  .item[aria-checked='true'] .name::after {
    content: ' ✓' / '';
  }
  .note {
    cursor: default;
    color: ${color.muted};
  }
  .note:hover {
    background: transparent;
  }
  .icon {
    inline-size: 1.75rem;
    text-align: center;
    font-size: 1.125em;
  }
  /* The alert under the trigger shows errors; a done switch is only spoken. */
  /* The trigger's name starts with what it does ("Switch workspace Acme"), for a screen reader only. */
  .sr,
  janua-alert:not([variant='error']) {
    position: absolute;
    inline-size: 1px;
    block-size: 1px;
    overflow: hidden;
    clip-path: inset(50%);
  }
  janua-alert[variant='error'] {
    display: block;
    margin-block-start: ${spaceXs};
    font-size: 0.875em;
  }
  .dialog {
    box-sizing: border-box;
    inline-size: min(38rem, calc(100vw - 2rem));
    max-block-size: calc(100vh - 2rem);
    padding: 0;
    overflow: auto;
    color: inherit;
    background: transparent;
    border: 0;
  }
  .dialog::backdrop {
    background: ${color.backdrop};
  }
  .dialog > :not(.close) {
    --janua-org-profile-max-width: none;
    --janua-create-org-max-width: none;
  }
  .close {
    position: absolute;
    inset-block-start: ${spaceS};
    inset-inline-end: ${spaceS};
    z-index: 1;
    inline-size: 2.25rem;
    block-size: 2.25rem;
    font: 400 1.5rem / 1 ${fontFamily};
    color: ${color.text};
    background: transparent;
    border: 0;
    border-radius: ${radius};
    cursor: pointer;
  }
  .close:focus-visible {
    ${focusRing}
  }
  @media (forced-colors: active) {
    .trigger {
      border-color: ButtonText;
    }
  }
`;
