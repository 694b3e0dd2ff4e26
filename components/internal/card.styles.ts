import { css } from 'lit';
import { color, focusRing, fontFamily, fontSize, radius, shadow } from './tokens.ts';

/** The chrome around a form (shadow DOM): card, heading, links. Knobs are set per element. */
export const cardStyles = css`
  :host {
    display: block;
    box-sizing: border-box;
    max-inline-size: var(--_max-width, 26rem);
    font-family: ${fontFamily};
    font-size: ${fontSize};
    line-height: 1.5;
    color: ${color.text};
  }
  [hidden] {
    display: none !important;
  }
  .logo {
    display: block;
    max-block-size: 2.5rem;
    max-inline-size: 100%;
    margin-inline: auto;
  }
  .next {
    display: grid;
    gap: 0.75rem;
    justify-items: start;
  }
  /* Its code loads with the signed-in body (card.ts): hold a button's height meanwhile. */
  janua-sign-out-button:not(:defined) {
    display: inline-block;
    min-block-size: 2.75rem;
  }
  .not-you {
    margin: 0;
    color: ${color.muted};
    font-size: 0.9375em;
  }
  /* Flex, not grid: the empty alert's negative margin below can only give its gap back in flex. */
  .card {
    display: flex;
    flex-direction: column;
    gap: var(--_gap);
    padding: var(--_padding);
    background: ${color.surface};
    border: 1px solid ${color.borderSubtle};
    border-radius: ${radius};
    box-shadow: ${shadow};
  }
  /* An empty alert stays in the tree (so its first message is announced) but gives back its gap. */
  janua-alert:state(empty) {
    margin-block-start: calc(-1 * var(--_gap));
  }
  .header {
    display: grid;
    gap: 0.25rem;
  }
  .heading {
    margin: 0;
    font-size: 1.375em;
    line-height: 1.25;
    font-weight: 700;
    color: ${color.text};
  }
  .heading:focus {
    outline: none;
  }
  .heading:focus-visible {
    ${focusRing}
  }
  .subtitle,
  .footer {
    margin: 0;
    color: ${color.muted};
    font-size: 0.9375em;
  }
  .footer {
    display: flex;
    flex-wrap: wrap;
    justify-content: center;
    gap: 0.25rem 0.5rem;
    text-align: center;
  }
  .links {
    display: flex;
    justify-content: flex-end;
  }
  a,
  ::slotted(a) {
    color: ${color.primary};
    font-weight: 600;
    text-decoration: underline;
    text-underline-offset: 0.2em;
  }
  a:focus-visible {
    ${focusRing}
    border-radius: 2px;
  }
  @media (forced-colors: active) {
    .card {
      border-color: CanvasText;
    }
  }
`;
