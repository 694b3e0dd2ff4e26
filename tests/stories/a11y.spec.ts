import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/*
 * Every story of the static Storybook, rendered on its own (iframe.html), checked by axe against
 * WCAG 2.2 AA after its play function has finished, as written and again mirrored, right to left
 * (the toolbar's Direction global): the pending, error and signed-in states are
 * reached by real input against the in-browser reference server, and that is what is checked.
 *
 * Each worker loads the preview iframe once and switches stories the way Storybook's own UI
 * does (a `setCurrentStory` message; the canvas is remounted for each story). Reloading the
 * 2 MB preview for each of ~70 stories cost three quarters of the run on two shared cores.
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

/** The elements of issue 2: each has its own story file. */
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

/** States every story file shows, and those the credential forms show on top. */
const EVERY_FILE_STATES = ['Default', 'Dark Theme'];
const FORM_STATES = ['Pending', 'Field Error', 'Server Error', 'Service Unavailable', 'Signed In'];

type Phase = string | undefined;

interface PreviewWindow {
  __STORYBOOK_PREVIEW__?: { currentRender?: { id?: string; phase?: string } };
  __STORYBOOK_ADDONS_CHANNEL__?: { emit(event: string, payload: unknown): void };
  __JANUA_STORY_ERRORS__?: string[];
}

const port = process.env['JANUA_STORIES_PORT'];

const test = base.extend<object, { preview: Page }>({
  preview: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}` });
      const page = await context.newPage();
      await use(page);
      await context.close();
    },
    { scope: 'worker' },
  ],
});

test('the Storybook has a story file for every element of the kit', () => {
  const files = new Set(stories.map((s) => s.importPath.replace(/^.*\/([^/]+)\.stories\.ts$/, '$1')));
  const missing = REQUIRED_FILES.filter((name) => !files.has(name));
  expect(missing, `stories/<element>.stories.ts missing for: ${missing.join(', ')}`).toEqual([]);
});

test('every story file shows its element in each state', () => {
  const gaps: string[] = [];
  for (const file of REQUIRED_FILES) {
    const names = new Set(stories.filter((s) => s.importPath.endsWith(`/${file}.stories.ts`)).map((s) => s.name));
    const wanted = file === 'sign-in' || file === 'sign-up' ? [...EVERY_FILE_STATES, ...FORM_STATES] : EVERY_FILE_STATES;
    for (const state of wanted) if (!names.has(state)) gaps.push(`${file}: no "${state}" story`);
  }
  expect(gaps, gaps.join('\n')).toEqual([]);
});

/**
 * The toolbar's language and direction (`.storybook/preview.ts`): as written, and mirrored. The
 * mirrored run keeps English because the play functions read English text; the Arabic and
 * Hebrew strings themselves are checked by tests/unit/locales.test.ts and tests/core/locales.test.ts.
 */
type View = { locale: 'en'; dir: 'auto' | 'rtl' };
const VIEWS: Record<'ltr' | 'rtl', View> = { ltr: { locale: 'en', dir: 'auto' }, rtl: { locale: 'en', dir: 'rtl' } };

/** The view each worker's preview page was loaded with: a change of view is a fresh load. */
const pageViews = new WeakMap<Page, View>();

/** Shows `id` in the shared preview page: a message when the preview is up in this view, else a fresh load. */
async function openStory(page: Page, id: string, view: View = VIEWS.ltr): Promise<void> {
  const sameView = pageViews.get(page) === view;
  const switched = sameView && await page
    .evaluate((storyId) => {
      const w = window as unknown as PreviewWindow;
      if (!w.__STORYBOOK_ADDONS_CHANNEL__ || !w.__STORYBOOK_PREVIEW__ || !w.__JANUA_STORY_ERRORS__) return false;
      w.__JANUA_STORY_ERRORS__.length = 0;
      w.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' });
      return true;
    }, id)
    .catch(() => false);
  // addon-a11y's automatic pass checks the same DOM again; this run does the checking itself.
  if (!switched) {
    await page.goto(`/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=a11y.manual:!true;locale:${view.locale};dir:${view.dir}`);
    pageViews.set(page, view);
  }
}

/** Waits until Storybook has rendered story `id` and its play function has run to the end. */
async function waitForStory(page: Page, id: string): Promise<Phase> {
  const handle = await page.waitForFunction(
    (storyId) => {
      const render = (window as unknown as PreviewWindow).__STORYBOOK_PREVIEW__?.currentRender;
      const phase = render?.id === storyId ? render.phase : undefined;
      // Not 'completed': addon-a11y runs its own axe in the afterEach phase that follows, and two
      // axe runs in one page at once fail ("Axe is already running").
      return phase && ['finished', 'errored', 'aborted'].includes(phase) ? phase : false;
    },
    id,
    { timeout: 45_000, polling: 50 },
  );
  return (await handle.jsonValue()) as Phase;
}

for (const [direction, view] of Object.entries(VIEWS)) for (const story of stories) {
  const name = direction === 'rtl' ? `${story.title} › ${story.name} right to left` : `${story.title} › ${story.name}`;
  test(`${name} has no WCAG 2.2 AA violations`, async ({ preview: page }) => {
    const problems: string[] = [];
    const onPageError = (error: Error) => problems.push(`page error: ${error.message}`);
    const onConsole = (message: { type(): string; text(): string }) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    };
    page.on('pageerror', onPageError);
    page.on('console', onConsole);
    try {
      await check(page, story, problems, view);
    } finally {
      page.off('pageerror', onPageError);
      page.off('console', onConsole);
    }
  });
}

async function check(page: Page, story: IndexEntry, problems: string[], view: View): Promise<void> {
  await openStory(page, story.id, view);
  const phase = await waitForStory(page, story.id).catch((error: Error) => {
    throw new Error(`${error.message}\n${problems.join('\n')}`);
  });
  const storyErrors = await page.evaluate(() => [...((window as unknown as PreviewWindow).__JANUA_STORY_ERRORS__ ?? [])]);
  expect(phase, `story did not finish rendering:\n${[...storyErrors, ...problems].join('\n')}`).not.toMatch(
    /errored|aborted/,
  );
  expect(storyErrors, 'the story or its play function threw').toEqual([]);
  // A story that rendered nothing would pass axe trivially.
  await expect(page.locator('#storybook-root > *').first()).toBeAttached();
  if (view.dir === 'rtl') {
    // Checked mirrored: the page is right to left, and so is every element that does not pin a language.
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  }
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
}
