import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/*
 * Every story of the static Storybook, rendered on its own (iframe.html), checked by axe against
 * WCAG 2.2 AA after its play function has finished: the pending, error and signed-in states are
 * reached by real input against the in-browser reference server, and that is what is checked.
 */

interface IndexEntry {
  type: 'story' | 'docs';
  id: string;
  title: string;
  name: string;
  importPath: string;
}

const indexFile = fileURLToPath(new URL('../../storybook-static/index.json', import.meta.url));
const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, IndexEntry> };
const stories = Object.values(index.entries).filter((entry) => entry.type === 'story');

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The elements of issue 2 and the states each story file must offer. */
const REQUIRED_FILES = [
  'sign-in',
  'sign-up',
  'signed-in',
  'signed-out',
  'sign-out-button',
  'provider',
  'button',
  'text-field',
  'alert',
  'divider',
  'link',
];

test('the Storybook has a story file for every element of the kit', () => {
  const files = new Set(stories.map((s) => s.importPath.replace(/^.*\/([^/]+)\.stories\.ts$/, '$1')));
  const missing = REQUIRED_FILES.filter((name) => !files.has(name));
  expect(missing, `stories/<element>.stories.ts missing for: ${missing.join(', ')}`).toEqual([]);
});

type Phase = string | undefined;

/** Waits until Storybook has rendered the story and its play function has run to the end. */
async function waitForStory(page: Page): Promise<Phase> {
  const handle = await page.waitForFunction(
    () => {
      const preview = (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } })
        .__STORYBOOK_PREVIEW__;
      const phase = preview?.currentRender?.phase;
      return phase && ['completed', 'finished', 'errored', 'aborted'].includes(phase) ? phase : false;
    },
    undefined,
    { timeout: 20_000, polling: 100 },
  );
  return (await handle.jsonValue()) as Phase;
}

for (const story of stories) {
  test(`${story.title} › ${story.name} has no WCAG 2.2 AA violations`, async ({ page }) => {
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    });

    await page.goto(`/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
    const phase = await waitForStory(page).catch((error: Error) => {
      throw new Error(`${error.message}\n${problems.join('\n')}`);
    });
    const storyErrors = await page.evaluate(
      () => (window as unknown as { __JANUA_STORY_ERRORS__?: string[] }).__JANUA_STORY_ERRORS__ ?? [],
    );
    expect(phase, `story did not finish rendering:\n${[...storyErrors, ...problems].join('\n')}`).not.toMatch(
      /errored|aborted/,
    );
    expect(storyErrors, 'the story or its play function threw').toEqual([]);
    // A story that rendered nothing would pass axe trivially.
    await expect(page.locator('#storybook-root > *').first()).toBeAttached();
    if (/dark/i.test(story.name)) {
      // Checked in the colours it claims: the dark token sheet really is in force.
      const scheme = await page.evaluate(() => getComputedStyle(document.documentElement).colorScheme);
      expect(scheme).toBe('dark');
    }

    const results = await new AxeBuilder({ page }).include('#storybook-root').withTags(WCAG_22_AA).analyze();
    const summary = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
    );
    expect(summary, summary.join('\n')).toEqual([]);
    expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });
}
