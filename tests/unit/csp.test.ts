import { expect, fixture, html } from '@open-wc/testing';
import { JanuaClient } from '@janua/core';
import '../../components/index.ts';

/*
 * This file runs in its own page under `Content-Security-Policy: style-src 'self'` (see
 * web-test-runner.config.mjs): no inline <style>, no style="" attributes. Every element must
 * render and style itself without tripping it.
 */
const violations: SecurityPolicyViolationEvent[] = [];
document.addEventListener('securitypolicyviolation', (e) => violations.push(e));

function allRoots(root: Document | ShadowRoot): (Document | ShadowRoot)[] {
  const out: (Document | ShadowRoot)[] = [root];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...allRoots(el.shadowRoot));
  return out;
}

describe('strict CSP (style-src self)', () => {
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
    expect(violations.map((v) => `${v.violatedDirective} ${v.sample}`)).to.deep.equal([]);
  });

  it('the policy is really in force on this page', async () => {
    const probe = document.createElement('div');
    probe.setAttribute('style', 'color: rgb(1, 2, 3)');
    document.body.append(probe);
    await new Promise((r) => setTimeout(r, 50));
    expect(getComputedStyle(probe).color).not.to.equal('rgb(1, 2, 3)');
    expect(violations.length).to.be.greaterThan(0);
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
    await new Promise((r) => setTimeout(r, 100));

    expect(violations.map((v) => `${v.violatedDirective} ${v.sample}`)).to.deep.equal([]);
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
});
