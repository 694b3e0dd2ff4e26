import { css } from 'lit';
import { buttonDanger } from './button-look.ts';
import { color, fontFamilyMono, radius, visuallyHidden } from './tokens.ts';

/*
 * Light-DOM styles of the account elements (lists, codes, the QR code, action rows), adopted into
 * the page next to the form styles. One `janua-` class per rule, as in light.styles.ts, so page
 * resets do not restyle them and page CSS aimed at these hooks wins.
 */
export const accountLightStyles = css`
  .janua-text {
    margin: 0;
    font: inherit;
    color: ${color.text};
  }
  .janua-muted {
    margin: 0;
    font-size: 0.875em;
    color: ${color.muted};
  }
  .janua-actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  .janua-actions > .janua-button,
  .janua-item > .janua-button {
    inline-size: auto;
  }
  .janua-button[data-variant='danger'],
  .janua-danger .janua-submit {
    ${buttonDanger}
  }
  .janua-list {
    display: grid;
    gap: 0.5rem;
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .janua-item {
    box-sizing: border-box;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem 0.75rem;
    min-block-size: 4rem;
    margin: 0;
    padding-block: 0.5rem;
    padding-inline: 0.75rem;
    border: 1px solid ${color.borderSubtle};
    border-radius: ${radius};
  }
  .janua-item > .janua-form {
    flex: 1 1 100%;
  }
  .janua-item-main {
    flex: 1 1 12rem;
    display: grid;
    min-inline-size: 0;
    overflow-wrap: anywhere;
  }
  .janua-item-title {
    margin: 0;
    font-weight: 600;
  }
  .janua-badge {
    display: inline-block;
    margin-inline-start: 0.5rem;
    padding-inline: 0.5rem;
    font-size: 0.75em;
    font-weight: 600;
    border: 1px solid currentColor;
    border-radius: 999px;
    color: ${color.success};
  }
  .janua-badge[data-tone='warn'] {
    color: ${color.danger};
  }
  .janua-sr {
    ${visuallyHidden}
  }
  .janua-account-region {
    display: grid;
    gap: var(--_gap, 1rem);
  }
  .janua-skeleton {
    box-sizing: border-box;
    block-size: 4rem;
    margin: 0;
    border-radius: ${radius};
    background: ${color.surfaceMuted};
    animation: janua-pulse 1.5s ease-in-out infinite;
  }
  /* A status line and its row of actions (<janua-verify-email>): the same box in every state. */
  .janua-status {
    min-block-size: 2lh;
  }
  .janua-skeleton.janua-status {
    block-size: auto;
  }
  .janua-status-actions {
    min-block-size: 2.75rem;
  }
  .janua-skeleton.janua-skeleton-button {
    display: block;
    block-size: 2.75rem;
    inline-size: 8rem;
  }
  @keyframes janua-pulse {
    50% {
      opacity: 0.5;
    }
  }
  .janua-codes {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr));
    gap: 0.25rem 1rem;
    margin: 0;
    padding-block: 0.75rem;
    padding-inline: 2rem 0.75rem;
    font: 600 1em / 1.6 ${fontFamilyMono};
    background: ${color.surfaceMuted};
    border-radius: ${radius};
  }
  .janua-secret {
    font: 600 1em / 1.6 ${fontFamilyMono};
    letter-spacing: 0.05em;
    overflow-wrap: anywhere;
  }
  .janua-qr {
    display: block;
    inline-size: 12rem;
    block-size: 12rem;
    padding: 0.5rem;
    /* Always light: scanners read dark modules on a light field, whatever the theme. */
    background: #ffffff;
    border-radius: ${radius};
  }
  @media (prefers-reduced-motion: reduce) {
    .janua-skeleton {
      animation: none;
    }
  }
  @media (forced-colors: active) {
    .janua-item,
    .janua-skeleton {
      border: 1px solid CanvasText;
    }
  }
`;
