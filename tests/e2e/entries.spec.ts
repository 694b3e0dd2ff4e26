import { test as base, type BrowserContext, type Page } from '@playwright/test';
import { tagsByElement } from '../element-tags.ts';
import { createUser, expect, PAGE_URL, strongPassword, uniqueEmail } from './support.ts';

/*
 * Each per-element entry (dist/elements/<name>.js), alone in a new document as an app that loads
 * only it receives it, defines every element its element renders: signed out, and signed in
 * against the reference server (through the page's own origin, which proxies /api/). The element
 * tests share pages, where one file may define what another's entry forgot; this check does not
 * depend on who else is in the page. A definition an element loads lazily (a card's sign-out
 * button) is waited for; one that never comes fails. Every script the document loads comes from
 * dist/elements/ (the entry's own chunks).
 */

const tags = tagsByElement();

/** How long a lazily loaded definition may take before it counts as missing. */
const LAZY_MS = 15_000;

/** A page kept by its worker: each test navigates it anew, so each check has a new document and registry. */
interface KeptPage {
  page: Page;
  /** Uncaught errors of the current document. */
  errors: string[];
  /** The scripts the current document requested (paths). */
  requests: string[];
}

/** A page in `context`, whose `/entry-check.html` is a blank page of the test origin. */
async function keptPage(context: BrowserContext): Promise<KeptPage> {
  await context.route('**/entry-check.html', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><html lang="en"><title>entry</title><main></main></html>' }),
  );
  const page = await context.newPage();
  const kept: KeptPage = { page, errors: [], requests: [] };
  page.on('pageerror', (error) => kept.errors.push(error.message));
  page.on('request', (request) => {
    if (request.resourceType() === 'script') kept.requests.push(new URL(request.url()).pathname);
  });
  return kept;
}

/**
 * Two pages per worker: one never signed in, one in a context signed in once as a user of its own
 * (each document it loads restores that session from the refresh cookie). A context and page each
 * per check, and an account and a password hash each, cost seconds a test on two shared cores.
 */
const test = base.extend<object, { signedOut: KeptPage; signedIn: KeptPage }>({
  signedOut: [
    async ({ browser }, use) => {
      const context = await browser.newContext({ baseURL: PAGE_URL });
      await use(await keptPage(context));
      await context.close();
    },
    { scope: 'worker' },
  ],
  signedIn: [
    async ({ browser, playwright }, use) => {
      const context = await browser.newContext({ baseURL: PAGE_URL });
      const user = { email: uniqueEmail('entry'), password: strongPassword(), firstName: 'Entry', lastName: 'Check' };
      const api = await playwright.request.newContext();
      await createUser(api, user);
      await api.dispose();
      // Signed in through the page's origin, as the kit signs in: the refresh cookie lands in this context.
      const signIn = await context.request.post(`${PAGE_URL}/api/v1/auth/signin`, {
        data: { email: user.email, password: user.password },
        headers: { 'X-Janua-Client': '1', Origin: PAGE_URL },
      });
      expect(signIn.status(), await signIn.text()).toBe(200);
      await use(await keptPage(context));
      await context.close();
    },
    { scope: 'worker' },
  ],
});

/**
 * Loads a new blank document in `kept.page`, imports only `dist/elements/<name>.js`, puts
 * `<tag api="/">` in it, waits for its session to be restored (or found absent) and every element
 * to render, and returns the `janua-*` tags in the page that stay undefined, with the auth status.
 */
async function undefinedAround(kept: KeptPage, name: string, tag: string, wanted: 'signed-in' | 'signed-out'): Promise<{ missing: string[]; status: string; errors: string[]; scripts: string[] }> {
  const { page } = kept;
  kept.errors.length = 0;
  await page.goto('/entry-check.html');
  kept.requests.length = 0;
  await page.evaluate(async ({ src, t }) => {
    await import(src);
    const el = document.createElement(t);
    el.setAttribute('api', '/');
    document.querySelector('main')!.append(el);
  }, { src: `/elements/${name}.js`, t: tag });
  const result = await page.evaluate(
    async ({ lazyMs, wanted }) => {
      const all = (root: ParentNode): Element[] =>
        [...root.querySelectorAll('*')].flatMap((node) => [node, ...(node.shadowRoot ? all(node.shadowRoot) : [])]);
      const statusOf = () => (document.querySelector('main > *') as (Element & { auth?: { status?: string } }) | null)?.auth?.status;
      // Until the element's client has restored the session; an element without one (a
      // primitive: button, link, divider) has no status to wait for.
      const started = performance.now();
      while (statusOf() !== undefined && statusOf() !== wanted && performance.now() - started < lazyMs) {
        await new Promise((resolve) => requestAnimationFrame(resolve));
      }
      // An update can render children that update in turn: settle until none is pending.
      for (let round = 0; round < 20; round++) {
        const pending = all(document.body).flatMap((node) => ('updateComplete' in node ? [(node as unknown as { updateComplete: Promise<boolean> }).updateComplete] : []));
        if ((await Promise.all(pending)).every(Boolean)) break;
      }
      const missing = [...new Set(all(document.body).map((node) => node.localName).filter((n) => n.startsWith('janua-') && !customElements.get(n)))];
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, lazyMs));
      const late = await Promise.all(missing.map((n) => Promise.race([customElements.whenDefined(n).then(() => null), deadline.then(() => n)])));
      return { missing: late.filter((n): n is string => n !== null), status: statusOf() ?? '(none)' };
    },
    { lazyMs: LAZY_MS, wanted },
  );
  return { ...result, errors: [...kept.errors], scripts: [...kept.requests] };
}

for (const [name, tag] of tags) {
  test(`dist/elements/${name}.js alone defines every element <${tag}> renders, signed out and signed in`, async ({ signedOut, signedIn }) => {
    for (const [state, kept] of [['signed-out', signedOut], ['signed-in', signedIn]] as const) {
      const { missing, status, errors, scripts } = await undefinedAround(kept, name, tag, state);
      expect(errors, `${state}: uncaught page errors`).toEqual([]);
      // Its shared and lazy chunks come from the kit's own folder, never from elsewhere.
      expect(scripts, `${state}: the requests seen`).toContain(`/elements/${name}.js`);
      expect(scripts.filter((path) => !path.startsWith('/elements/')), `${state}: scripts from outside dist/elements/`).toEqual([]);
      if (status !== '(none)') expect(status, `${state}: the element's session`).toBe(state);
      expect(missing, `${state}: rendered, never defined by dist/elements/${name}.js`).toEqual([]);
    }
  });
}
