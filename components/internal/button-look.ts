import { css } from 'lit';
import { color, disabledOpacity, fontFamily, fontSize, hoverFilter, motionDuration, popover, radius, space, spaceS } from './tokens.ts';

/*
 * The button look, once: `<janua-button>` wears it in its shadow root, and the native buttons of
 * the light-DOM forms (`.janua-form .janua-button`) wear the same declarations. Every property a
 * host page's reset touches is set explicitly.
 */
export const buttonBase = css`
  box-sizing: border-box;
  display: inline-flex;
  align-items: center;
  justify-content: center;
  gap: ${spaceS};
  inline-size: 100%;
  min-block-size: 2.75rem;
  margin: 0;
  padding-block: ${spaceS};
  padding-inline: ${space};
  font: 600 ${fontSize} / 1.25 ${fontFamily};
  letter-spacing: normal;
  text-transform: none;
  text-decoration: none;
  color: ${color.primaryContrast};
  background: ${color.primary};
  --_hover-bg: ${color.primaryHover};
  border: 1px solid ${color.primary};
  border-radius: ${radius};
  box-shadow: none;
  appearance: none;
  cursor: pointer;
  transition: filter ${motionDuration}, background-color ${motionDuration};
`;
/**
 * Each variant names its own hover background in --_hover-bg: primary and danger their hover
 * tokens; secondary and ghost the theme's hover surface (a menu row's), so they answer the pointer
 * where a theme turns the hover filter off.
 */
export const buttonHover = css`
  background-color: var(--_hover-bg);
  filter: ${hoverFilter};
`;
export const buttonDisabled = css`
  cursor: not-allowed;
  opacity: ${disabledOpacity};
`;
export const buttonSecondary = css`
  color: ${color.text};
  background: ${color.surface};
  --_hover-bg: ${popover.hover};
  border-color: ${color.border};
`;
export const buttonGhost = css`
  color: ${color.primary};
  background: transparent;
  --_hover-bg: ${popover.hover};
  border-color: transparent;
`;
export const buttonDanger = css`
  color: ${color.primaryContrast};
  background: ${color.danger};
  --_hover-bg: ${color.dangerHover};
  border-color: ${color.danger};
`;
export const spinner = css`
  box-sizing: border-box;
  flex: none;
  inline-size: 1em;
  block-size: 1em;
  border: 2px solid currentColor;
  border-inline-end-color: transparent;
  border-radius: 50%;
  animation: janua-spin 0.7s linear infinite;
`;
