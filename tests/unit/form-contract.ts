import { expect, fixture, html } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { BrowserAppOptions } from '../../packages/server/src/browser.ts';
import { type Received, startServer, until } from './helpers.ts';

type Server = Awaited<ReturnType<typeof startServer>>;

export interface FormCase {
  tag: 'janua-sign-in' | 'janua-sign-up';
  /** Every input the form must render: name → autocomplete token. */
  inputs: Record<string, string>;
  /** The API path the form posts to. */
  path: string;
  /** Server options that make the next submit fail with a form-level (not field) error. */
  rateLimit?: BrowserAppOptions['rateLimit'];
  /** Fills valid values; returns the password typed. */
  fillValid(el: HTMLElement, server: Server): Promise<string>;
  /** Fills values that the server refuses as a whole (shown in the alert); returns the expected code. */
  fillRefused(el: HTMLElement, server: Server): Promise<string>;
  /** The outcome event whose detail must not leak the password. */
  successEvent: 'janua-signed-in' | 'janua-signed-up';
}

const sent = (received: Received[], path: string) => received.filter((r) => r.path.endsWith(path));

/** What every credential form promises, whatever its fields. */
export function formContract(c: FormCase): void {
  const tag = unsafeStatic(c.tag);
  async function mount(options: Parameters<typeof startServer>[0] = {}) {
    const server = await startServer(options);
    const el = await fixture<HTMLElement & { submit(): void; updateComplete: Promise<boolean> }>(staticHtml`<${tag} .client=${server.client}></${tag}>`);
    return { server, el, submit: el.querySelector<HTMLButtonElement>('button[type="submit"]')! };
  }

  describe(`${c.tag} keeps the form contract`, () => {
    it('renders each credential input in light DOM: named, labelled, unique id, autocomplete', async () => {
      const { el } = await mount();
      const second = await fixture(html`<div></div>`);
      second.append(document.createElement(c.tag));
      for (const [name, autocomplete] of Object.entries(c.inputs)) {
        // Some tokens come once the browser has answered (`webauthn`, where it offers passkeys in autofill).
        const find = () => document.querySelector<HTMLInputElement>(`${c.tag} input[autocomplete="${autocomplete}"]`);
        await until(find, `the ${name} input with autocomplete="${autocomplete}"`);
        const input = find()!;
        expect(input.name).to.equal(name);
        expect(input.getRootNode()).to.equal(document);
        expect(input.form?.parentElement?.parentElement).to.equal(el);
        expect(input.labels!.length).to.equal(1);
        expect(input.labels![0]!.textContent!.trim()).not.to.equal('');
        expect(document.querySelectorAll(`#${CSS.escape(input.id)}`).length, 'unique id').to.equal(1);
      }
    });

    it('shows field errors with aria-invalid and aria-describedby, and sends nothing', async () => {
      const { el, server, submit } = await mount();
      submit.click();
      await el.updateComplete;
      const invalid = [...el.querySelectorAll<HTMLInputElement>('input[aria-invalid="true"]')];
      expect(invalid.length).to.be.greaterThan(0);
      for (const input of invalid) {
        const error = input.getAttribute('aria-describedby')!.split(' ').map((id) => document.getElementById(id)!)
          .find((node) => node.classList.contains('janua-field-error'))!;
        expect(error.textContent!.trim()).not.to.equal('');
      }
      await until(() => document.activeElement === invalid[0], 'focus on the first invalid field');
      expect(sent(server.received, c.path)).to.have.length(0);
    });

    it('puts a form-level error in the live region', async () => {
      const { el, server, submit } = await mount(c.rateLimit ? { rateLimit: c.rateLimit } : {});
      const code = await c.fillRefused(el, server);
      const codes: string[] = [];
      el.addEventListener('janua-error', (e) => codes.push(e.detail.code));
      submit.click();
      await until(() => codes.length, 'janua-error');
      expect(codes).to.deep.equal([code]);
      const region = el.shadowRoot!.querySelector('janua-alert')!.shadowRoot!.querySelector('[part="base"]')!;
      await until(() => region.textContent!.trim() !== '', 'the alert text');
      expect(region.getAttribute('role')).to.equal('status');
      expect(region.textContent).to.contain('Error:');
    });

    it('disables every input and the button while pending, and sends once', async () => {
      const { el, server, submit } = await mount();
      await c.fillValid(el, server);
      const before = sent(server.received, c.path).length;
      server.hold();
      submit.click();
      await until(() => submit.disabled, 'the pending state');
      for (const input of el.querySelectorAll('input')) expect(input.matches(':disabled'), input.name).to.equal(true);
      expect(submit.getAttribute('aria-busy')).to.equal('true');
      el.submit();
      server.release();
      await until(() => !el.querySelector('form'), 'success');
      expect(sent(server.received, c.path).length - before).to.equal(1);
    });

    it('keeps focus in the form while pending: on a hidden twin of the button that says what is happening', async () => {
      const { el, server, submit } = await mount();
      await c.fillValid(el, server);
      const height = el.getBoundingClientRect().height;
      server.hold();
      submit.focus();
      submit.click();
      await until(() => submit.disabled, 'the pending state');
      // Disabling the fieldset took focus from the button; without the twin it fell to <body>.
      await until(() => document.activeElement?.classList.contains('janua-pending-focus'), 'focus on the pending twin');
      const twin = document.activeElement as HTMLElement;
      expect(twin.textContent!.trim()).to.equal(submit.textContent!.trim());
      expect(el.contains(twin)).to.equal(true);
      // Heard, not seen: it takes no room, so nothing moves.
      expect(twin.getBoundingClientRect().width).to.be.at.most(1);
      expect(el.getBoundingClientRect().height).to.equal(height);
      server.release();
      await until(() => !el.querySelector('.janua-pending-focus'), 'the end of the request');
    });

    it(`fires ${c.successEvent} with ids only, never the password`, async () => {
      const { el, server, submit } = await mount();
      const password = await c.fillValid(el, server);
      const details: unknown[] = [];
      el.addEventListener(c.successEvent, (e) => details.push(e.detail));
      submit.click();
      await until(() => details.length, c.successEvent);
      expect(Object.keys(details[0] as object)).to.deep.equal(['userId']);
      expect(JSON.stringify(details)).not.to.contain(password);
    });
  });
}
