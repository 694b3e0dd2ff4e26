import { expect, fixture, html } from '@open-wc/testing';
import '../../components/button/define.ts';
import '../../components/alert/define.ts';
import '../../components/divider/define.ts';
import '../../components/link/define.ts';
import type { JanuaAlert } from '../../components/alert/alert.ts';
import type { JanuaButton } from '../../components/button/button.ts';
import { until } from './helpers.ts';

describe('primitives', () => {
  it('are accessible together', async () => {
    const el = await fixture(html`<div>
      <janua-alert variant="error" message="Something failed"></janua-alert>
      <janua-button label="Continue"></janua-button>
      <janua-divider label="or"></janua-divider>
      <janua-link href="/help">Help</janua-link>
    </div>`);
    await expect(el).to.be.accessible();
  });

  describe('<janua-button>', () => {
    it('slots its label and never moves nodes it does not own', async () => {
      const el = await fixture<JanuaButton>(html`<janua-button>Save <b>now</b></janua-button>`);
      const button = el.shadowRoot!.querySelector('button')!;
      expect(button).to.exist;
      expect(el.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Save now');
      expect(el.firstChild!.nodeType, 'the author\'s first node is still the element\'s child').to.equal(Node.TEXT_NODE);
      await expect(el).to.be.accessible();
      expect(el.shadowRoot!.querySelector('slot')!.assignedNodes().length).to.equal(2);
    });

    it('lets a framework swap and remove its own label text (React/Vue conditional labels)', async () => {
      const el = await fixture<JanuaButton>(html`<janua-button></janua-button>`);
      // What a framework does: it keeps its own text node and later replaces or removes it.
      const own = document.createTextNode('Continue');
      el.append(own);
      await el.updateComplete;
      const next = document.createTextNode('Continuing');
      el.replaceChild(next, own);
      expect(() => el.removeChild(next)).not.to.throw();
      el.append('Done');
      await el.updateComplete;
      const slot = el.shadowRoot!.querySelector('slot')!;
      expect(slot.assignedNodes().map((n) => n.textContent).join('')).to.equal('Done');
    });

    it('submits the form it sits in on click and on Enter in a field, once each', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><input name="q" required value="x">
        <janua-button type="submit" label="Go"></janua-button></form>`);
      let submits = 0;
      form.addEventListener('submit', (e) => { e.preventDefault(); submits++; });
      form.querySelector('janua-button')!.shadowRoot!.querySelector('button')!.click();
      expect(submits).to.equal(1);
      const input = form.querySelector('input')!;
      input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      expect(submits).to.equal(2);
      input.value = '';
      form.querySelector('janua-button')!.shadowRoot!.querySelector('button')!.click();
      expect(submits, 'native validation still runs').to.equal(2);
    });

    it('is disabled inside a disabled fieldset, as a native button is', async () => {
      const form = await fixture<HTMLFormElement>(html`<form><fieldset disabled>
        <janua-button type="submit" label="Go"></janua-button></fieldset></form>`);
      let submits = 0;
      form.addEventListener('submit', (e) => { e.preventDefault(); submits++; });
      const el = form.querySelector<JanuaButton>('janua-button')!;
      await el.updateComplete;
      const button = el.shadowRoot!.querySelector('button')!;
      expect(button.disabled).to.equal(true);
      form.querySelector('fieldset')!.disabled = false;
      await el.updateComplete;
      expect(button.disabled).to.equal(false);
      button.click();
      expect(submits).to.equal(1);
    });

    it('switched on and off through its properties (as React 19 and Vue set them), the inner button follows', async () => {
      const el = await fixture<JanuaButton>(html`<janua-button label="Go"></janua-button>`);
      const button = el.shadowRoot!.querySelector('button')!;
      for (const off of [false, undefined, null] as unknown as boolean[]) {
        el.disabled = true;
        await until(() => button.disabled, 'disabled');
        el.disabled = off;
        await until(() => !button.disabled, `enabled again by ${String(off)}, the attribute ${el.hasAttribute('disabled') ? 'still there' : 'gone'}`);
        expect(el.hasAttribute('disabled')).to.equal(false);
      }
      const form = await fixture<HTMLFormElement>(html`<form><fieldset disabled><janua-button label="Go" disabled></janua-button></fieldset></form>`);
      const inForm = form.querySelector<JanuaButton>('janua-button')!;
      inForm.disabled = false;
      await inForm.updateComplete;
      expect(inForm.shadowRoot!.querySelector('button')!.disabled, 'still disabled by its fieldset').to.equal(true);
    });

    it('shows a spinner, sets aria-busy and blocks clicks while pending', async () => {
      const el = await fixture<JanuaButton>(html`<janua-button label="Save" pending-label="Saving…"></janua-button>`);
      let clicks = 0;
      el.addEventListener('click', () => clicks++);
      el.pending = true;
      await el.updateComplete;
      const button = el.shadowRoot!.querySelector('button')!;
      expect(button.getAttribute('aria-busy')).to.equal('true');
      expect(button.disabled).to.equal(true);
      expect(el.shadowRoot!.querySelector('.janua-spinner')).to.exist;
      expect(button.textContent!.trim()).to.equal('Saving…');
      button.click();
      expect(clicks).to.equal(0);
      el.pending = false;
      await el.updateComplete;
      expect(button.hasAttribute('aria-busy')).to.equal(false);
      expect(button.textContent!.trim()).to.equal('Save');
      expect(el.shadowRoot!.querySelector('.janua-spinner')).to.equal(null);
    });

    it('applies the variant look from tokens', async () => {
      const el = await fixture<JanuaButton>(html`<div style="--janua-color-danger: rgb(1, 2, 3)">
        <janua-button variant="danger" label="Delete"></janua-button></div>`);
      const button = el.querySelector('janua-button')!.shadowRoot!.querySelector('button')!;
      expect(getComputedStyle(button).backgroundColor).to.equal('rgb(1, 2, 3)');
    });
  });

  describe('<janua-alert>', () => {
    it('is one polite status region for every variant; errors say so in words too', async () => {
      const el = await fixture<JanuaAlert>(html`<janua-alert message="Saved"></janua-alert>`);
      const region = el.shadowRoot!.querySelector('[part="base"]')!;
      expect(region.getAttribute('role')).to.equal('status');
      expect(region.hasAttribute('aria-live'), 'no aria-live that could contradict the role').to.equal(false);
      expect(region.textContent!.trim()).to.equal('Saved');
      el.variant = 'error';
      await el.updateComplete;
      expect(region.getAttribute('role')).to.equal('status');
      expect(region.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Error: Saved');
    });

    it('stays in the page while empty but takes no space, so later messages are announced', async () => {
      const el = await fixture<JanuaAlert>(html`<janua-alert></janua-alert>`);
      const region = el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!;
      expect(region.getBoundingClientRect().height).to.equal(0);
      el.message = 'Now there is news';
      await el.updateComplete;
      expect(region.getBoundingClientRect().height).to.be.greaterThan(10);
      expect(el.matches(':state(empty)')).to.equal(false);
    });

    it('takes focus on its region', async () => {
      const el = await fixture<JanuaAlert>(html`<janua-alert variant="error" message="Failed"></janua-alert>`);
      el.focus();
      expect(el.shadowRoot!.activeElement).to.equal(el.shadowRoot!.querySelector('[part="base"]'));
    });
  });

  describe('registration', () => {
    it('is idempotent, and warns instead of throwing when another class holds the name', async () => {
      const { defineElement } = await import('../../components/internal/define.ts');
      const { JanuaButton } = await import('../../components/button/button.ts');
      const warnings: unknown[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => warnings.push(args.join(' '));
      try {
        defineElement('janua-button', JanuaButton);
        expect(warnings).to.deep.equal([]);
        defineElement('janua-button', class extends HTMLElement {});
        expect(String(warnings[0])).to.contain('<janua-button> is already defined');
        expect(customElements.get('janua-button')).to.equal(JanuaButton);
      } finally {
        console.warn = warn;
      }
    });
  });

  describe('<janua-divider> and <janua-link>', () => {
    it('renders the divider word and a bare separator', async () => {
      const labelled = await fixture(html`<janua-divider label="or"></janua-divider>`);
      expect(labelled.shadowRoot!.textContent).to.contain('or');
      const bare = await fixture(html`<janua-divider></janua-divider>`);
      expect(bare.shadowRoot!.querySelector('[role="separator"]')).to.exist;
    });

    it('renders a real link with its href', async () => {
      const el = await fixture(html`<janua-link href="/forgot">Forgot?</janua-link>`);
      const a = el.shadowRoot!.querySelector('a')!;
      expect(a.getAttribute('href')).to.equal('/forgot');
    });
  });
});
