import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { test as base, expect, type Page } from '@playwright/test';
import { axeViolations } from '../axe.ts';

/*
 * Every story of the static Storybook, rendered on its own (iframe.html), checked by axe against
 * WCAG 2.2 AA after its play function has finished, as written and then mirrored, right to left
 * (the page turned the way the toolbar's Direction global turns it): the pending, error and
 * signed-in states are reached by real input against the in-browser reference server, and that
 * is what is checked. Each state is then checked again in the dark theme (the colour rules) and
 * mirrored (every rule), switched in place the way the toolbar switches them: the story is not
 * played again, which keeps the three passes at about the cost of one render.
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
  __JANUA_APPLY_THEME__?: (theme: string) => void;
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
 * Shows `id` in the shared preview page: a `setCurrentStory` message when the preview is already
 * up (the way Storybook's own UI switches stories), else a fresh load.
 */
async function openStory(page: Page, id: string): Promise<void> {
  const switched = await page
    .evaluate((storyId) => {
      const w = window as unknown as PreviewWindow;
      if (!w.__STORYBOOK_ADDONS_CHANNEL__ || !w.__STORYBOOK_PREVIEW__ || !w.__JANUA_STORY_ERRORS__) return false;
      w.__JANUA_STORY_ERRORS__.length = 0;
      w.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId, viewMode: 'story' });
      return true;
    }, id)
    .catch(() => false);
  // addon-a11y's automatic pass checks the same DOM again; this run does the checking itself.
  if (!switched) await page.goto(`/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=a11y.manual:!true`);
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

/**
 * Turns the page the way the toolbar's Direction menu does (`<html dir>`, which every element
 * follows) and resolves once every Lit element under the story root, shadow roots included, has
 * re-rendered for it. Returns the direction the story's first element then computes.
 */
async function setDirection(page: Page, dir: 'ltr' | 'rtl'): Promise<string> {
  return page.evaluate(async (wanted) => {
    document.documentElement.dir = wanted;
    // The elements hear of it through a MutationObserver, whose callback is a microtask queued
    // by the change itself: it has run once this await returns.
    await Promise.resolve();
    const pending = (root: ParentNode): Promise<unknown>[] =>
      [...root.querySelectorAll('*')].flatMap((el) => [
        ...('updateComplete' in el ? [(el as unknown as { updateComplete: Promise<unknown> }).updateComplete] : []),
        ...(el.shadowRoot ? pending(el.shadowRoot) : []),
      ]);
    const root = document.querySelector('#storybook-root')!;
    // An update can request another (a child rendered by its parent's update): settle until none is left.
    for (let round = 0; round < 10; round++) {
      const waits = pending(root);
      const settled = await Promise.all(waits);
      if (settled.every((done) => done !== false)) break;
    }
    const first = root.querySelector('*');
    return first ? getComputedStyle(first).direction : '';
  }, dir);
}

for (const story of stories) {
  test(`${story.title} › ${story.name} has no WCAG 2.2 AA violations: light, dark and mirrored`, async ({ preview: page }) => {
    const problems: string[] = [];
    const onPageError = (error: Error) => problems.push(`page error: ${error.message}`);
    const onConsole = (message: { type(): string; text(): string }) => {
      if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
    };
    page.on('pageerror', onPageError);
    page.on('console', onConsole);
    try {
      await check(page, story, problems);
    } finally {
      page.off('pageerror', onPageError);
      page.off('console', onConsole);
    }
  });
}

/** What a story that never finished was doing: which render, in which phase, holding which locks. */
async function diagnose(page: Page): Promise<string> {
  return page
    .evaluate(async () => {
      const render = (window as unknown as PreviewWindow).__STORYBOOK_PREVIEW__?.currentRender;
      const locks = await navigator.locks?.query();
      const names = (list?: LockInfo[]) => (list ?? []).map((l) => l.name).join(', ') || 'none';
      return `render ${render?.id ?? '?'} in phase ${render?.phase ?? '?'}; locks held: ${names(locks?.held)}; waiting: ${names(locks?.pending)}`;
    })
    .catch((error: Error) => `(no diagnosis: ${error.message})`);
}

/**
 * Swaps the page's token sheet the way the toolbar's Theme menu does (one adopted sheet, no
 * re-render) and returns the colour scheme then in force, once the page has settled in it: a
 * button eases into its new colours over --janua-motion-duration, and axe reading one halfway
 * (the old background under the new label) reported a contrast failure no user ever sees. The
 * swap is made with that duration at 0s, so the page lands in the new colours at once (waiting
 * out the easing, there and back, was a third of each story's check), and any transition left
 * is still waited for.
 */
async function setTheme(page: Page, theme: string): Promise<{ scheme: string; was: string }> {
  return page.evaluate(async (name) => {
    const was = document.documentElement.dataset['januaTheme'] ?? 'light';
    const style = document.documentElement.style;
    const motion = style.getPropertyValue('--janua-motion-duration');
    style.setProperty('--janua-motion-duration', '0s');
    (window as unknown as PreviewWindow).__JANUA_APPLY_THEME__!(name);
    // Transitions start at the next style update; document.getAnimations() leaves out shadow roots.
    await new Promise(requestAnimationFrame);
    const transitions = (root: Document | ShadowRoot): Animation[] => [
      ...root.getAnimations().filter((a) => a instanceof CSSTransition),
      ...[...root.querySelectorAll('*')].flatMap((el) => (el.shadowRoot ? transitions(el.shadowRoot) : [])),
    ];
    // getAnimations() brings styles up to date, still at 0s; any transition found is waited for.
    await Promise.all(transitions(document).map((a) => a.finished.catch(() => undefined)));
    if (motion) style.setProperty('--janua-motion-duration', motion);
    else style.removeProperty('--janua-motion-duration');
    return { scheme: getComputedStyle(document.documentElement).colorScheme, was };
  }, theme);
}

/** Rules whose outcome a change of colours alone can change: what the dark pass re-checks. */
const COLOUR_RULES = ['color-contrast', 'link-in-text-block'];

async function axe(page: Page, label: string, rules?: string[]): Promise<void> {
  const violations = await axeViolations(page, { include: '#storybook-root', rules });
  const summary = violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.targets.join('\n    ')}`);
  expect(summary, `${label}:\n${summary.join('\n')}`).toEqual([]);
}

async function check(page: Page, story: IndexEntry, problems: string[]): Promise<void> {
  await openStory(page, story.id);
  const phase = await waitForStory(page, story.id).catch(async (error: Error) => {
    throw new Error(`${error.message}\n${await diagnose(page)}\n${problems.join('\n')}`);
  });
  const storyErrors = await page.evaluate(() => [...((window as unknown as PreviewWindow).__JANUA_STORY_ERRORS__ ?? [])]);
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

  await axe(page, 'as written (left to right)');
  if (!/dark/i.test(story.name)) {
    // Every story in the dark theme as well (the Dark Theme stories are dark already): the
    // same state in the other colours, checked by the colour rules.
    const { scheme, was } = await setTheme(page, 'dark');
    expect(scheme).toBe('dark');
    await axe(page, 'in the dark theme', COLOUR_RULES);
    await setTheme(page, was);
  }
  // The same state mirrored, as the Direction toolbar shows it: checked again, not rendered again.
  // The play functions read English text, so the language stays English; the Arabic and Hebrew
  // strings themselves are checked by tests/unit/locales.test.ts and tests/core/locales.test.ts.
  expect(await setDirection(page, 'rtl'), 'the story does not follow <html dir="rtl">').toBe('rtl');
  await axe(page, 'mirrored (right to left)');
  expect(await setDirection(page, 'ltr')).toBe('ltr');
  expect(problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
}

test('the axe check reports what it should: a field without a label, text without contrast', async ({ page }) => {
  await page.setContent(
    '<main><div id="part"><input type="text"><p style="color:#bbb;background:#fff">faint</p></div><img src="x.png"></main>',
  );
  const all = await axeViolations(page, { include: '#part' });
  expect(all.map((v) => v.id).sort()).toEqual(['color-contrast', 'label']);
  const colours = await axeViolations(page, { include: '#part', rules: ['color-contrast'] });
  expect(colours.map((v) => v.id)).toEqual(['color-contrast']);
  // The whole page when nothing is named: the image outside #part has no text alternative.
  expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt');
});
