import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { PLAY_FUNCTION_THREW_EXCEPTION, STORY_ERRORED, STORY_THREW_EXCEPTION } from 'storybook/internal/core-events';
import { addons } from 'storybook/preview-api';
import { direction, locales } from '@janua/core';
import manifest from '../custom-elements.json';
import { applyTheme, themes, type ThemeName } from '../stories/support/theme.ts';

/*
 * Controls are per element instance. Public statics (`setStrings`, `cssLayer`) are page-wide
 * settings that the manifest documents, not something a control could set on one element.
 */
type Typed = { type?: { text?: string } };
type Member = Typed & { static?: boolean; readonly?: boolean };
type Declaration = { members?: Member[]; attributes?: Typed[] };
type Module = { declarations?: Declaration[] };

/**
 * An optional property is typed `string | undefined` in the manifest, which Storybook reads as an
 * object ("Set object"); the control a user needs is for the value itself, so `undefined` and
 * `null` are dropped from the type text the controls are built from.
 */
const valueType = <T extends Typed>(x: T): T =>
  x.type?.text ? { ...x, type: { ...x.type, text: x.type.text.split('|').map((t) => t.trim()).filter((t) => t !== 'undefined' && t !== 'null').join(' | ') } } : x;

const forControls = (m: { modules?: Module[] }) => ({
  ...m,
  modules: (m.modules ?? []).map((mod) => ({
    ...mod,
    declarations: (mod.declarations ?? []).map((d) => ({
      ...d,
      // Read-only getters (e.g. `mfaPending`) report state; a control could not set them.
      ...(d.members && { members: d.members.filter((x) => !x.static && !x.readonly).map(valueType) }),
      ...(d.attributes && { attributes: d.attributes.map(valueType) }),
    })),
  })),
});

setCustomElementsManifest(forControls(manifest as { modules?: Module[] }));

/*
 * A story whose play function throws still ends in the "finished" phase; record the failure
 * where the Playwright a11y run can read it, so a broken state is not checked as if it rendered.
 */
const storyErrors: string[] = [];
(window as unknown as { __JANUA_STORY_ERRORS__: string[] }).__JANUA_STORY_ERRORS__ = storyErrors;
for (const event of [PLAY_FUNCTION_THREW_EXCEPTION, STORY_THREW_EXCEPTION, STORY_ERRORED]) {
  addons.getChannel().on(event, (error: unknown) => {
    const e = error as { message?: string; title?: string; description?: string };
    storyErrors.push(`${event}: ${e.message ?? e.title ?? ''} ${e.description ?? ''}`.trim());
  });
}

/*
 * The theme is a global (toolbar) that a story can pin with `globals: { theme: 'dark' }`; the
 * decorator swaps the token sheet before the story renders, so what axe checks is what a user of
 * that theme sees, page background included.
 */
// The axe run checks every story in the dark theme too, switched the way a page switches it: one
// sheet swapped, no re-render (tests/stories/a11y.spec.ts).
(window as unknown as { __JANUA_APPLY_THEME__: (theme: ThemeName) => void }).__JANUA_APPLY_THEME__ = applyTheme;

const withTheme: Decorator = (story, context) => {
  applyTheme((context.globals['theme'] as ThemeName | undefined) ?? 'light');
  return story();
};

/*
 * Language and direction are globals too: the decorator sets `<html lang>` (every element follows
 * it, loading the catalog on demand) and `<html dir>` — by default the language's own direction,
 * or forced either way to check a layout against the other one.
 */
const withLocale: Decorator = (story, context) => {
  const locale = (context.globals['locale'] as string | undefined) ?? 'en';
  const dir = (context.globals['dir'] as string | undefined) ?? 'auto';
  document.documentElement.lang = locale;
  document.documentElement.dir = dir === 'auto' ? direction(locale) : dir;
  return story();
};

const preview: Preview = {
  // A docs page per element, built from its manifest entry (summary, attributes, properties,
  // events, slots, parts, CSS properties) with every story of it below.
  tags: ['autodocs'],
  decorators: [withTheme, withLocale],
  globalTypes: {
    theme: {
      description: 'Janua token sheet',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [...new Set(['light', ...Object.keys(themes)])].map((name) => ({
          value: name,
          title: name.replace(/(^|-)(\w)/g, (_, sep: string, c: string) => (sep ? ' ' : '') + c.toUpperCase()),
        })),
        dynamicTitle: true,
      },
    },
    locale: {
      description: 'Language of the elements (<html lang>)',
      toolbar: {
        title: 'Language',
        icon: 'globe',
        items: locales.map((tag) => ({ value: tag, title: `${tag} · ${new Intl.DisplayNames([tag], { type: 'language' }).of(tag)}` })),
        dynamicTitle: true,
      },
    },
    dir: {
      description: 'Direction of the page (<html dir>)',
      toolbar: {
        title: 'Direction',
        icon: 'transfer',
        items: [
          { value: 'auto', title: 'Direction of the language' },
          { value: 'ltr', title: 'Left to right' },
          { value: 'rtl', title: 'Right to left' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'light', locale: 'en', dir: 'auto' },
  parameters: {
    docs: {
      // The docs page opens with the element's @summary, then the longer JSDoc description.
      extractComponentDescription: (component: unknown) => {
        const d = (manifest as { modules?: { declarations?: { tagName?: string; summary?: string; description?: string }[] }[] })
          .modules?.flatMap((m) => m.declarations ?? []).find((x) => x.tagName === component);
        return d ? [d.summary, d.description].filter(Boolean).join('\n\n') : null;
      },
    },
    layout: 'padded',
    controls: { expanded: true },
    a11y: {
      // Same rules as the Playwright axe run: WCAG 2.2 AA.
      options: { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } },
      test: 'error',
    },
  },
};

export default preview;
