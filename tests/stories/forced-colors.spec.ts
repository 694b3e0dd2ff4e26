import { test, expect, type Page } from '@playwright/test';

/*
 * What axe cannot see: the look of a story under Windows' forced colours (emulated by Chromium),
 * and a narrow screen with the WCAG 1.4.12 text spacing a reader's own style sheet may apply.
 * Each check reads computed styles and sizes in the rendered story, as a user would meet it.
 */

interface PreviewWindow {
  __STORYBOOK_PREVIEW__?: { currentRender?: { id?: string; phase?: string } };
}

/** Opens story `id` on its own and waits until its play function has run to the end. */
async function showStory(page: Page, id: string): Promise<void> {
  await page.goto(`/iframe.html?id=${encodeURIComponent(id)}&viewMode=story&globals=a11y.manual:!true`);
  const handle = await page.waitForFunction(
    (storyId) => {
      const render = (window as unknown as PreviewWindow).__STORYBOOK_PREVIEW__?.currentRender;
      const phase = render?.id === storyId ? render.phase : undefined;
      return phase && ['finished', 'completed', 'errored', 'aborted'].includes(phase) ? phase : false;
    },
    id,
    { timeout: 45_000, polling: 50 },
  );
  expect(await handle.jsonValue(), 'the story finished rendering').not.toMatch(/errored|aborted/);
}

/** In the page: every element matching `selector`, shadow roots included, in document order. */
const DEEP = `window.__deepAll = (selector) => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(selector)) found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  return found;
};`;

type DeepWindow = Window & { __deepAll(selector: string): HTMLElement[] };

/** WCAG relative luminance and contrast ratio, of `rgb()` / `rgba()` colours as computed styles give them. */
type RGBA = [number, number, number, number];
const rgba = (css: string): RGBA => {
  const [r = 0, g = 0, b = 0, a = 1] = (css.match(/[\d.]+/g) ?? []).map(Number);
  return [r, g, b, a];
};
const over = (top: RGBA, below: RGBA): RGBA => [0, 1, 2].map((i) => top[i]! * top[3] + below[i]! * (1 - top[3])).concat(1) as RGBA;
const luminance = ([r, g, b]: RGBA) =>
  [r, g, b].map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4)).reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i]!, 0);
const contrast = (a: RGBA, b: RGBA) => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
};

test.beforeEach(async ({ page }) => {
  await page.addInitScript(DEEP);
});

test.describe('forced colours', () => {
  test.beforeEach(async ({ page }) => {
    await page.emulateMedia({ forcedColors: 'active' });
  });

  test('the selected tab of <janua-org-profile> stands out from the others', async ({ page }) => {
    await showStory(page, 'organizations-org-profile--members');
    const { canvas, tabs } = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.backgroundColor = 'Canvas';
      document.body.append(probe);
      const canvas = getComputedStyle(probe).backgroundColor;
      probe.remove();
      const tabs = (window as unknown as DeepWindow).__deepAll('[role="tab"]').map((tab) => {
        const style = getComputedStyle(tab);
        return { selected: tab.getAttribute('aria-selected') === 'true', width: parseFloat(style.borderBlockEndWidth), color: style.borderBlockEndColor };
      });
      return { canvas, tabs };
    });
    const selected = tabs.filter((t) => t.selected);
    const others = tabs.filter((t) => !t.selected);
    expect(selected).toHaveLength(1);
    expect(others.length).toBeGreaterThan(0);
    // Told apart at a glance: a thicker line, or colours 3:1 apart (WCAG 1.4.11), each laid over the canvas.
    const on = selected[0]!;
    for (const other of others) {
      const ratio = contrast(over(rgba(on.color), rgba(canvas)), over(rgba(other.color), rgba(canvas)));
      expect(on.width > other.width || ratio >= 3, `selected ${on.width}px ${on.color}, unselected ${other.width}px ${other.color} (${ratio.toFixed(2)}:1)`).toBe(true);
    }
  });

  test('the password strength meter shows its fill against its track', async ({ page }) => {
    await showStory(page, 'elements-sign-up--weak-password');
    const meter = await page.evaluate(() => {
      const track = (window as unknown as DeepWindow).__deepAll('.janua-meter')[0]!;
      const fill = track.firstElementChild!;
      const probe = document.createElement('div');
      document.body.append(probe);
      const system = ['CanvasText', 'Highlight', 'ButtonText'].map((name) => {
        probe.style.backgroundColor = name;
        return getComputedStyle(probe).backgroundColor;
      });
      probe.remove();
      return {
        track: getComputedStyle(track).backgroundColor,
        fill: getComputedStyle(fill).backgroundColor,
        width: fill.getBoundingClientRect().width,
        system,
      };
    });
    expect(meter.width, 'the story leaves a strength to show').toBeGreaterThan(0);
    expect(meter.fill, 'the fill is painted in the track colour').not.toBe(meter.track);
    expect(meter.system, 'the fill keeps to the user\'s system colours').toContain(meter.fill);
  });
});

test.describe('320 px wide, with WCAG 1.4.12 text spacing', () => {
  test.use({ viewport: { width: 320, height: 640 } });

  test('<janua-accept-invitation> for another user wraps the address instead of scrolling sideways', async ({ page }) => {
    await showStory(page, 'organizations-accept-invitation--other-user');
    // A reader's style sheet reaches no shadow root, so the spacing is adopted into each of them.
    const spaced = await page.evaluate(async () => {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(`*, *::before, *::after, ::slotted(*) {
        line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important;
      }
      p { margin-block-end: 2em !important; }`);
      const deep = (window as unknown as DeepWindow).__deepAll;
      for (const root of [document, ...deep('*').flatMap((el) => (el.shadowRoot ? [el.shadowRoot] : []))]) {
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
      }
      await new Promise(requestAnimationFrame);
      const address = deep('p').find((p) => p.textContent?.includes('someone.else@example.com'));
      return address ? getComputedStyle(address).letterSpacing : 'no paragraph names the address';
    });
    expect(spaced, 'the text spacing reached the paragraph with the address').toMatch(/^[1-9][\d.]*px$/);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  });
});
