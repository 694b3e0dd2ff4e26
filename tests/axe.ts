import axeCore from 'axe-core';
import type { Frame, Page } from '@playwright/test';

/*
 * axe-core run inside the page under test, loaded once per document, for the Playwright suites
 * (stories, end-to-end).
 *
 * `@axe-core/playwright`'s `analyze()` evaluates the 0.6 MB axe source in the page twice on every
 * call and then opens a new blank page to merge the results (its `runPartial`/`finishRun` mode,
 * made for cross-origin frames): about 1.8 s per check on two shared cores, and the story suite
 * makes three checks per story. Our pages have no cross-origin frames, so `axe.run` in the page
 * checks the same rules on the same DOM; axe is injected again only when the document changed.
 */

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export interface AxeCheck {
  /** A selector of the part of the page to check; the whole page when absent. */
  include?: string;
  /** Only these rules (by id); otherwise every rule tagged WCAG 2.2 AA. */
  rules?: string[];
}

/** What the tests print about a violation. */
export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

interface AxeWindow {
  axe?: typeof axeCore;
}

/** Puts axe in `frame` unless this document has it already. */
async function ensureAxe(frame: Frame): Promise<void> {
  const present = await frame.evaluate(() => typeof (window as unknown as AxeWindow).axe?.run === 'function');
  if (!present) await frame.evaluate(axeCore.source);
}

/** Runs axe on `page` as it stands and returns its violations, readable. */
export async function axeViolations(page: Page, check: AxeCheck = {}): Promise<AxeViolation[]> {
  await ensureAxe(page.mainFrame());
  // Same-origin frames answer the top frame's axe only when they have axe too; a child frame that
  // went away meanwhile is skipped, and axe reports any frame it could not reach.
  for (const frame of page.frames()) if (frame !== page.mainFrame()) await ensureAxe(frame).catch(() => undefined);
  return page.evaluate(async ({ include, rules, tags }) => {
    const axe = (window as unknown as AxeWindow).axe!;
    const results = await axe.run(include ? { include: [include] } : document, {
      // Only violations are read: axe then skips building the details of passes and incompletes.
      resultTypes: ['violations'],
      runOnly: rules ? { type: 'rule', values: rules } : { type: 'tag', values: tags },
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'n/a',
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  }, { include: check.include, rules: check.rules, tags: WCAG_22_AA });
}
