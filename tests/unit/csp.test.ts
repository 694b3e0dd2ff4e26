import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient, organizations } from '@janua/core';
import '../../components/index.ts';
import { orgServer, orgWith } from './org-helpers.ts';
import { quietResizeLoopNotices, until } from './helpers.ts';

/*
 * This file runs in its own page under a strict `Content-Security-Policy` (default-src, script-src and style-src 'self'; see
 * web-test-runner.config.mjs): no inline <style>, no style="" attributes. Every element must
 * render and style itself without tripping it.
 */
const violations: SecurityPolicyViolationEvent[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e));

/**
 * The violations of the page so far, once every one is reported: they are reported in order, so
 * once a probe's (a style attribute set now) has arrived, the earlier ones have. The probe's own
 * is taken off the list.
 */
async function reportedViolations(): Promise<string[]> {
  const probe = document.createElement('div');
  probe.setAttribute('style', 'color: rgb(1, 2, 3)');
  document.body.append(probe);
  await until(() => violations.some((v) => v.target === probe), 'the violation of the probe');
  probe.remove();
  violations.splice(violations.findIndex((v) => v.target === probe), 1);
  return violations.map((v) => `${v.violatedDirective} ${v.sample}`);
}

function allRoots(root: Document | ShadowRoot): (Document | ShadowRoot)[] {
  const out: (Document | ShadowRoot)[] = [root];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...allRoots(el.shadowRoot));
  return out;
}

// `wtr --files tests/unit/csp.test.ts` also loads this file in an ordinary page, beside its run in
// the csp group: there it has nothing to check, and says where it runs instead of failing. The
// group's page is known by a mark of its own, so a group page that lost its policy still fails.
const inCspGroup = document.documentElement.hasAttribute('data-csp-group');
const suite = inCspGroup ? describe : describe.skip;
const title = inCspGroup
  ? 'strict CSP (default-src self, no inline script or style)'
  : 'strict CSP: runs in its own group (wtr --config web-test-runner.config.mjs --group csp)';

suite(title, () => {
  quietResizeLoopNotices();
  it('is accessible: every element rendered under the policy', async () => {
    const client = new JanuaClient({ api: 'http://csp.test', restore: false, crossTab: false });
    const el = await fixture(html`<main>
      <janua-provider .client=${client}>
        <janua-sign-in sign-up-url="/up" forgot-password-url="/forgot"></janua-sign-in>
        <janua-sign-up sign-in-url="/in"></janua-sign-up>
      </janua-provider>
      <janua-alert variant="error" message="Oops"></janua-alert>
      <janua-button label="Go"></janua-button>
      <janua-divider label="or"></janua-divider>
      <janua-link href="/x">Link</janua-link>
    </main>`);
    await expect(el).to.be.accessible();
    expect(await reportedViolations()).to.deep.equal([]);
  });

  it('the policy is really in force on this page', async () => {
    const probe = document.createElement('div');
    probe.setAttribute('style', 'color: rgb(1, 2, 3)');
    document.body.append(probe);
    await until(() => violations.length > 0, 'the violation report');
    expect(getComputedStyle(probe).color).not.to.equal('rgb(1, 2, 3)');
    probe.remove();
    violations.length = 0;
  });

  it('every element renders styled, with no violation, no <style> and no style attribute', async () => {
    const client = new JanuaClient({ api: 'http://csp.test', restore: false, crossTab: false });
    const el = await fixture(html`<main>
      <janua-provider .client=${client}>
        <janua-sign-in sign-up-url="/up" forgot-password-url="/forgot"></janua-sign-in>
        <janua-sign-up sign-in-url="/in"></janua-sign-up>
        <janua-signed-out><p>Welcome</p></janua-signed-out>
        <janua-signed-in><janua-user-name></janua-user-name><janua-sign-out-button></janua-sign-out-button></janua-signed-in>
      </janua-provider>
      <janua-alert variant="error" message="Oops"></janua-alert>
      <janua-button label="Go" pending></janua-button>
      <janua-divider label="or"></janua-divider>
      <janua-link href="/x">Link</janua-link>
    </main>`);
    await expect(el).to.be.accessible();
    // Submitting empty renders field errors and the alert: more styled states, same policy.
    el.querySelector<HTMLFormElement>('janua-sign-in form')!.requestSubmit();
    await until(() => el.querySelector('janua-sign-in input[name="password"][aria-invalid="true"]'), 'the field errors');

    expect(await reportedViolations()).to.deep.equal([]);
    for (const root of allRoots(document)) {
      expect(root.querySelectorAll('style').length, 'no <style> elements').to.equal(0);
      expect(root.querySelectorAll('[style]').length, 'no style attributes').to.equal(0);
    }
    // Styles did apply: the submit button is painted with the primary token default.
    const submit = el.querySelector<HTMLButtonElement>('janua-sign-in button[type="submit"]')!;
    expect(getComputedStyle(submit).backgroundColor).to.equal('rgb(67, 56, 202)');
    const input = el.querySelector<HTMLInputElement>('janua-sign-in input[name="email"]')!;
    expect(getComputedStyle(input).borderInlineStartWidth).to.equal('2px');
  });

  it('every element the kit defines, signed in, in every theme, menus and dialog open: no violation', async function () {
    // Real password hashing, an organization and every element in the page: slow on a loaded machine.
    this.timeout(180_000);
    // The tags: every define of components/index.ts, so a new element joins this test by itself.
    const index = await (await fetch('/components/index.ts')).text();
    const tags = [...index.matchAll(/import ['"]\.\/([\w-]+)\/define\.ts['"]/g)].map((m) => `janua-${m[1]}`);
    expect(tags.length).to.be.greaterThan(20);
    for (const tag of tags) expect(customElements.get(tag), tag).to.not.equal(undefined);

    // Theme sheets as a page loads them: <link> elements from this origin.
    const names = ['light', 'dark', 'auto', 'high-contrast', 'paper', 'terminal'];
    const links = names.map((name) => Object.assign(document.createElement('link'), { rel: 'stylesheet', href: `/themes/${name}.css` }));
    document.head.append(...links);
    await Promise.all(links.map((l) => new Promise((r) => { l.onload = r; l.onerror = r; })));
    try {
      const server = await orgServer();
      const owner = await server.person('Ada', 'Lovelace');
      const org = await orgWith(server, owner, [], 'Acme');
      await organizations(owner.client).switch(org.id);
      const offline = new JanuaClient({ api: 'http://csp.test', restore: false, crossTab: false });
      const signedOutForms = new Set(['janua-sign-in', 'janua-sign-up', 'janua-forgot-password', 'janua-reset-password']);
      const stage = await fixture<HTMLElement>(html`<main data-janua-theme="light"></main>`);
      for (const tag of tags) {
        const el = document.createElement(tag) as HTMLElement & { client?: JanuaClient };
        el.client = signedOutForms.has(tag) ? offline : owner.client;
        if (tag === 'janua-signed-in' || tag === 'janua-protect') el.append(Object.assign(document.createElement('p'), { textContent: 'Members only' }));
        // The primitives with what a page gives them.
        if (tag === 'janua-button') el.setAttribute('label', 'Go');
        if (tag === 'janua-link') Object.assign(el, { textContent: 'Help' }).setAttribute('href', '/help');
        if (tag === 'janua-alert') el.setAttribute('message', 'Saved');
        if (tag === 'janua-divider') el.setAttribute('label', 'or');
        stage.append(el);
      }
      for (const el of stage.children) await (el as unknown as { updateComplete?: Promise<unknown> }).updateComplete;
      const userButton = stage.querySelector('janua-user-button')!.shadowRoot!;
      await until(() => userButton.querySelector('.trigger'), 'the user button');
      // Menus open (position.ts places them: style properties set from script, allowed by CSP).
      (userButton.querySelector('.trigger') as HTMLElement).click();
      await until(() => userButton.querySelector('.popup:not([hidden]) .item'), 'the user menu');
      const switcher = stage.querySelector('janua-org-switcher')!.shadowRoot!;
      // Ready once its list has loaded: a trigger that is still loading (aria-disabled) opens nothing.
      await until(() => switcher.querySelector('.trigger:not([aria-disabled])'), 'the org switcher');
      (switcher.querySelector('.trigger') as HTMLElement).click();
      await until(() => [...switcher.querySelectorAll('.popup .item')].find((i) => /create/i.test(i.textContent!)), 'the switcher menu');
      ([...switcher.querySelectorAll('.popup .item')].find((i) => /create/i.test(i.textContent!)) as HTMLElement).click();
      await until(() => switcher.querySelector<HTMLDialogElement>('dialog')?.open, 'the create dialog');
      // Every theme by its attribute.
      for (const name of names) {
        stage.dataset['januaTheme'] = name;
        await new Promise(requestAnimationFrame);
      }
      await expect(stage).to.be.accessible({ ignoredRules: ['color-contrast'] });
      await reportedViolations();
      expect(violations.map((v) => `${v.violatedDirective} ${v.sample} ${v.sourceFile}:${v.lineNumber}`)).to.deep.equal([]);
      switcher.querySelector<HTMLDialogElement>('dialog')!.close();
    } finally {
      links.forEach((l) => l.remove());
    }
  });
});
