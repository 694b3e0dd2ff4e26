/// <reference types="vite/client" />

/*
 * Token sheets from themes/, found by glob so a new sheet (high contrast, a preset) shows up in
 * the toolbar without touching Storybook's config.
 */
const tokenSheets = import.meta.glob<string>('../../themes/*.css', { query: '?inline', import: 'default', eager: true });

export const themes: Record<string, string> = Object.fromEntries(
  Object.entries(tokenSheets)
    .map(([path, css]) => [path.replace(/^.*\/([^/]+)\.css$/, '$1'), css] as const)
    // tailwind*.css are Tailwind build inputs (the bridge), not token sheets.
    .filter(([name]) => !name.startsWith('tailwind')),
);

/** The colour scheme a sheet paints: dark when its page background is dark; auto follows the system. */
function schemeOf(css: string | undefined): string {
  if (css && /prefers-color-scheme/.test(css)) return 'light dark';
  const hex = /--janua-color-background:\s*#([0-9a-f]{6})/i.exec(css ?? '')?.[1];
  if (!hex) return 'light';
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 128 ? 'dark' : 'light';
}

export type ThemeName = string;

/*
 * The page around a story takes the theme's own background and text colours, so a dark story
 * is checked by axe on a dark page (light text on a white canvas would be a false failure, and a
 * false pass would be worse).
 */
const page = `
  html, body {
    background: var(--janua-color-background, Canvas);
    color: var(--janua-color-text, CanvasText);
    font-family: var(--janua-font-family, system-ui, sans-serif);
  }
  /* Layout for stories that show several elements side by side. */
  .story-stack { display: grid; gap: 0.75rem; max-inline-size: 26rem; }
  .story-form { max-inline-size: 26rem; }
  .story-hint { margin-block: 0 1rem; font-size: 0.875rem; }
  .story-hint code { font-size: inherit; }
  /* Where a popover story needs its trigger: at the end of the row, or with room above it. */
  .story-end { display: flex; justify-content: flex-end; }
  .story-room-above { padding-block-start: 16rem; }
`;

const sheets = new Map<ThemeName, CSSStyleSheet>();

function sheetFor(theme: ThemeName): CSSStyleSheet {
  let sheet = sheets.get(theme);
  if (!sheet) {
    const tokens = themes[theme];
    // The built-in defaults are the light theme; any other name must exist, or a "dark" story
    // would quietly be checked in light colours.
    if (tokens === undefined && theme !== 'light') throw new Error(`themes/${theme}.css not found`);
    const scheme = schemeOf(tokens);
    sheet = new CSSStyleSheet();
    sheet.replaceSync(`${tokens ?? ''}\n${page}\n:root { color-scheme: ${scheme}; }`);
    sheets.set(theme, sheet);
  }
  return sheet;
}

/** Adopts the token sheet of `theme` into the document, replacing the previous theme's. */
export function applyTheme(theme: ThemeName): void {
  const ours = new Set<CSSStyleSheet>(sheets.values());
  const others = document.adoptedStyleSheets.filter((s) => !ours.has(s));
  document.adoptedStyleSheets = [...others, sheetFor(theme)];
  // Token sheets may scope themselves to an attribute rather than :root; set it either way.
  document.documentElement.dataset['januaTheme'] = theme;
}
