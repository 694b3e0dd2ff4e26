import { css } from 'lit';

/*
 * Global tokens with their built-in light defaults, so an element looks right with no theme
 * sheet at all. Every colour literal of the kit lives here, as a `var()` fallback.
 *
 * This file is also the source of the token table (docs/tokens.md, `node scripts/tokens.mjs`):
 * each token is one line `name: css\`var(--janua-…, default)\`` under a one-line `/** … *\/`
 * that says what it paints. Keep that shape when adding one.
 */
export const color = {
  /** Primary buttons' background and border, links, ghost buttons, the selected tab's underline, checkbox ticks. */
  primary: css`var(--janua-color-primary, #4338ca)`,
  /** A primary button's background under the pointer (the hover filter applies on top). */
  primaryHover: css`var(--janua-color-primary-hover, var(--janua-color-primary, #4338ca))`,
  /** Label on primary and danger buttons. */
  primaryContrast: css`var(--janua-color-primary-contrast, #ffffff)`,
  /** Not painted by the elements: the page behind the cards, for the page's own CSS (`body { background: var(--janua-color-background) }`) and the contrast check. */
  background: css`var(--janua-color-background, #ffffff)`,
  /** Cards, alerts and secondary buttons. */
  surface: css`var(--janua-color-surface, #ffffff)`,
  /** Quiet fills on a card: backup codes, loading skeletons, the avatar placeholder, the strength meter's track. */
  surfaceMuted: css`var(--janua-color-surface-muted, #f1f5f9)`,
  /** Text inputs and selects (may differ from the card they sit on). */
  inputBackground: css`var(--janua-color-input-background, var(--janua-color-surface, #ffffff))`,
  /** Body text, labels, headings. */
  text: css`var(--janua-color-text, #111827)`,
  /** Hints, subtitles, roles, unselected tabs. */
  muted: css`var(--janua-color-muted, #4b5563)`,
  /** Input and secondary-button borders, the strength meter's outline. */
  border: css`var(--janua-color-border, #767e8c)`,
  /** Card, list-row, tab-list and trigger outlines; separators. */
  borderSubtle: css`var(--janua-color-border-subtle, #d7dbe2)`,
  /** Error text, invalid inputs, danger buttons. */
  danger: css`var(--janua-color-danger, #b91c1c)`,
  /** A danger button's background under the pointer (the hover filter applies on top). */
  dangerHover: css`var(--janua-color-danger-hover, var(--janua-color-danger, #b91c1c))`,
  /** Success text and badges. */
  success: css`var(--janua-color-success, #166534)`,
  /** The keyboard focus ring. */
  focus: css`var(--janua-color-focus, #2563eb)`,
  /** The dim layer behind a modal dialog. */
  backdrop: css`var(--janua-color-backdrop, rgb(0 0 0 / 0.45))`,
};

/** Corner radius of cards, inputs, buttons, menus. */
export const radius = css`var(--janua-radius, 0.5rem)`;
/** Every element's text. */
export const fontFamily = css`var(--janua-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)`;
/** Backup codes and the TOTP secret. */
export const fontFamilyMono = css`var(--janua-font-family-mono, ui-monospace, SFMono-Regular, Menlo, Consolas, monospace)`;
/** Base text size of the elements, inputs and buttons. */
export const fontSize = css`var(--janua-font-size, 1rem)`;
/** The spacing unit, the scale's full step: card gaps and padding, a button's inline padding. */
export const space = css`var(--janua-space, 1rem)`;

/*
 * The rest of the spacing scale, in steps of the unit: every gap and padding of the primitives
 * (button, field, popover, menu, dialog, tabs, alert; docs/primitives.md) is one of these or the
 * unit itself, so a theme that changes `--janua-space` moves them all, and one step can still be
 * set alone. Theme sheets set the unit only.
 */
/** A quarter of the unit: the popover's padding, the tabs' gap, a menu row's block padding. */
export const spaceXs = css`var(--janua-space-xs, calc(0.25 * ${space}))`;
/** Half the unit: a button's block padding, the gap inside a field, a button or an alert, a menu row's inline padding. */
export const spaceS = css`var(--janua-space-s, calc(0.5 * ${space}))`;
/** Three quarters of the unit: an input's, a tab's and an alert's inline padding. */
export const spaceM = css`var(--janua-space-m, calc(0.75 * ${space}))`;
/** Cards' shadow. */
export const shadow = css`var(--janua-shadow, 0 1px 2px rgb(0 0 0 / 0.06), 0 8px 24px rgb(0 0 0 / 0.08))`;
/** Width of the keyboard focus ring. */
export const focusRingWidth = css`var(--janua-focus-ring-width, 2px)`;
/** Gap between a control and its focus ring. */
export const focusRingOffset = css`var(--janua-focus-ring-offset, 2px)`;
/** Filter on a button under the pointer (`none` when a theme sets its own hover colour). */
export const hoverFilter = css`var(--janua-button-hover-filter, brightness(1.12))`;
/** Opacity of disabled and pending controls. */
export const disabledOpacity = css`var(--janua-disabled-opacity, 0.75)`;
/** Length of hover and state transitions (none under `prefers-reduced-motion`). */
export const motionDuration = css`var(--janua-motion-duration, 0.15s)`;

/** The floating surfaces: the org switcher's menu and the user button's panel. */
export const popover = {
  /** Menu and panel background. */
  background: css`var(--janua-popover-background, var(--janua-color-surface, #ffffff))`,
  /** Menu and panel border colour. */
  border: css`var(--janua-popover-border, var(--janua-color-border-subtle, #d7dbe2))`,
  /** Menu and panel shadow. */
  shadow: css`var(--janua-popover-shadow, var(--janua-shadow, 0 1px 2px rgb(0 0 0 / 0.06), 0 8px 24px rgb(0 0 0 / 0.08)))`,
  /** Background of a menu row, the switcher's trigger, and a secondary or ghost button under the pointer. */
  hover: css`var(--janua-popover-hover, rgb(127 127 127 / 0.12))`,
};

/** Out of sight and out of the layout, still read by screen readers (and focusable where it has a tabindex). */
export const visuallyHidden = css`
  position: absolute;
  inline-size: 1px;
  block-size: 1px;
  overflow: hidden;
  clip-path: inset(50%);
  white-space: nowrap;
`;

/** A visible ring that survives forced-colors (where box-shadow is dropped) via `outline`. */
export const focusRing = css`
  outline: ${focusRingWidth} solid ${color.focus};
  outline-offset: ${focusRingOffset};
`;
/**
 * The same ring drawn just inside the control's edge, for controls whose container would clip
 * a ring outside them (menu rows and tabs in a scrolling list) or that sit inside another
 * control (the password field's Show button).
 */
export const focusRingInset = css`
  ${focusRing}
  outline-offset: calc(-1 * ${focusRingWidth});
`;
