import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { PLAY_FUNCTION_THREW_EXCEPTION, STORY_ERRORED, STORY_THREW_EXCEPTION } from 'storybook/internal/core-events';
import { addons } from 'storybook/preview-api';
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
const withTheme: Decorator = (story, context) => {
  applyTheme((context.globals['theme'] as ThemeName | undefined) ?? 'light');
  return story();
};

const preview: Preview = {
  // A docs page per element, built from its manifest entry (summary, attributes, properties,
  // events, slots, parts, CSS properties) with every story of it below.
  tags: ['autodocs'],
  decorators: [withTheme],
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
  },
  initialGlobals: { theme: 'light' },
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
