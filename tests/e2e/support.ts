import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { axeViolations } from '../axe.ts';
import { API_URL } from './env.ts';

export { expect };
export { API_URL, PAGE_URL, DEMO_URL } from './env.ts';

/** Runs axe on the page as it stands and fails with a readable list of what is wrong. */
export async function expectNoAxeViolations(page: Page, step: string): Promise<void> {
  const violations = await axeViolations(page);
  const readable = violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.targets.join(' | ')}`);
  expect(readable, `axe violations at step "${step}"`).toEqual([]);
}

export function uniqueEmail(prefix = 'e2e'): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}@example.test`;
}

/** A password the server's rules accept, different for every run. */
export function strongPassword(): string {
  return `Correct-Horse-${Math.random().toString(36).slice(2, 10)}-42`;
}

interface PageWatch {
  /** `securitypolicyviolation` events seen in any page of the test's context. */
  cspViolations: string[];
  /** Uncaught exceptions thrown by page scripts. */
  pageErrors: string[];
}

/**
 * Every page of every test is watched for CSP violations and uncaught errors; the test fails at
 * teardown if any occurred, so each step is covered without repeating the check.
 */
export const test = base.extend<{ watch: PageWatch }>({
  watch: [
    async ({ context }, use) => {
      const watch: PageWatch = { cspViolations: [], pageErrors: [] };
      await context.exposeFunction('__januaReportCsp', (entry: string) => {
        watch.cspViolations.push(entry);
      });
      // Init scripts run through the DevTools protocol, so the page's own CSP does not block them.
      await context.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
          const report = (window as unknown as { __januaReportCsp: (s: string) => void }).__januaReportCsp;
          void report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'} at ${event.sourceFile}:${event.lineNumber}`);
        });
      });
      const onPage = (page: Page) => page.on('pageerror', (error) => watch.pageErrors.push(error.message));
      context.pages().forEach(onPage);
      context.on('page', onPage);
      await use(watch);
      expect(watch.cspViolations, 'Content-Security-Policy violations').toEqual([]);
      expect(watch.pageErrors, 'uncaught page errors').toEqual([]);
    },
    { auto: true },
  ],
});

/** Creates an account straight through the API, for tests that start from an existing user. */
export async function createUser(
  request: APIRequestContext,
  user: { email: string; password: string; firstName: string; lastName: string },
): Promise<void> {
  const response = await request.post(`${API_URL}/api/v1/auth/signup`, {
    data: { email: user.email, password: user.password, first_name: user.firstName, last_name: user.lastName },
  });
  expect(response.status(), await response.text()).toBe(201);
}
