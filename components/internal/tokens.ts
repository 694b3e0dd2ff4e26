import { css } from 'lit';

/*
 * Global tokens with their built-in light defaults, so an element looks right with no theme
 * sheet at all. Every colour literal of the kit lives here, as a `var()` fallback.
 */
export const color = {
  primary: css`var(--janua-color-primary, #4338ca)`,
  primaryContrast: css`var(--janua-color-primary-contrast, #ffffff)`,
  background: css`var(--janua-color-background, #ffffff)`,
  surface: css`var(--janua-color-surface, #ffffff)`,
  text: css`var(--janua-color-text, #111827)`,
  muted: css`var(--janua-color-muted, #4b5563)`,
  border: css`var(--janua-color-border, #767e8c)`,
  danger: css`var(--janua-color-danger, #b91c1c)`,
  success: css`var(--janua-color-success, #166534)`,
  focus: css`var(--janua-color-focus, #2563eb)`,
};

export const radius = css`var(--janua-radius, 0.5rem)`;
export const fontFamily = css`var(--janua-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)`;
export const fontSize = css`var(--janua-font-size, 1rem)`;
export const space = css`var(--janua-space, 1rem)`;
export const shadow = css`var(--janua-shadow, 0 1px 2px rgb(0 0 0 / 0.06), 0 8px 24px rgb(0 0 0 / 0.08))`;

/** A visible ring that survives forced-colors (where box-shadow is dropped) via `outline`. */
export const focusRing = css`
  outline: 2px solid ${color.focus};
  outline-offset: 2px;
`;
