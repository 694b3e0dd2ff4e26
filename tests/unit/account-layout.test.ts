import { expect, fixture, html } from '@open-wc/testing';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import '../../components/index.ts';
import { outbox, signedIn, until, SLOW, type Server } from './account-helpers.ts';
import { restoringClient } from './restoring.ts';

/*
 * Nothing shifts while the account elements load: each holds, while the session restores and its
 * data loads, the box it has once loaded (a new account: one session, no passkey, no second
 * factor), so what follows it on the page stays where it is.
 */

const verifyLink = async (server: Server, email: string) =>
  new URL((await outbox(server, email)).find((m) => m.link?.includes('verify-email'))!.link!).searchParams.get('token')!;

/** `prepare` sets what the page would before the restore ends (the token from the mailed link). */
const cases: { tag: string; name?: string; ready: (el: HTMLElement) => boolean;
  prepare?: (el: HTMLElement, server: Server, email: string) => Promise<void> }[] = [
  { tag: 'janua-session-list', ready: (el) => Boolean(el.querySelector('.janua-item-title')) },
  { tag: 'janua-passkey-manager', ready: (el) => Boolean(el.querySelector('.janua-item')) },
  { tag: 'janua-mfa-setup', ready: (el) => el.querySelectorAll('.janua-item').length === 2 },
  { tag: 'janua-backup-codes', ready: (el) => Boolean(el.querySelector('.janua-item')) },
  {
    tag: 'janua-user-profile',
    ready: (el) => Boolean(el.querySelector('[data-janua-region="email"] .janua-item') && el.querySelector('janua-session-list .janua-item-title')
      && el.querySelector('janua-passkey-manager .janua-item') && el.querySelectorAll('janua-mfa-setup .janua-item').length === 2
      && !el.querySelector('.janua-skeleton')),
  },
  {
    // The welcome mail's link: checked once restored, then "verified" and Continue.
    tag: 'janua-verify-email', name: 'with a token',
    prepare: async (el, server, email) => {
      el.setAttribute('token', await verifyLink(server, email));
      el.setAttribute('continue-url', '/account');
    },
    ready: (el) => Boolean(el.querySelector('a.janua-button')),
  },
  // No token: an unverified address, and the button to mail a new link.
  { tag: 'janua-verify-email', name: 'without a token', ready: (el) => Boolean(el.querySelector('button.janua-button')) },
  // The profile's sections on their own: each form usable, its data in.
  ...['janua-profile-details', 'janua-change-password', 'janua-danger-zone'].map((tag) => ({
    tag, ready: (el: HTMLElement) => !el.querySelector('.janua-skeleton, :disabled') && Boolean(el.querySelector('button')),
  })),
  { tag: 'janua-email-settings', ready: (el) => Boolean(el.querySelector('.janua-item')) },
];

describe('account elements hold their size while loading', function () {
  this.timeout(SLOW);
  it('is accessible while loading', async () => {
    const { server, email } = await signedIn();
    const { client, release } = await restoringClient(server, email);
    try {
      const el = await fixture(html`<div><janua-session-list .client=${client}></janua-session-list>
        <janua-user-profile .client=${client}></janua-user-profile></div>`);
      expect(client.getSnapshot().status).to.equal('loading');
      await expect(el).to.be.accessible();
    } finally {
      // A held restore holds the page's refresh lock: the next test's clients would wait on it.
      release();
      await client.ready;
    }
  });

  for (const { tag, name: label, ready, prepare } of cases) {
    it(`<${tag}>${label ? ` ${label}` : ''}: the same box before and after the restore and the first load`, async () => {
      const { server, email, client } = await signedIn();
      // One session: the one this page restores.
      await client.signOut();
      const restoring = await restoringClient(server, email);
      try {
        const name = unsafeStatic(tag);
        const wrap = await fixture<HTMLElement>(staticHtml`<div style="inline-size: 40rem">
          <${name} .client=${restoring.client}></${name}><p id="below">Below</p></div>`);
        const el = wrap.firstElementChild as HTMLElement & { updateComplete: Promise<unknown> };
        await prepare?.(el, server, email);
        await el.updateComplete;
        expect(restoring.client.getSnapshot().status).to.equal('loading');
        // A placeholder while loading (the section forms: their fields, disabled).
        expect(el.querySelector('.janua-skeleton, button:disabled'), 'a placeholder while loading').to.exist;
        const box = () => el.getBoundingClientRect().height;
        const below = () => wrap.querySelector('#below')!.getBoundingClientRect().top;
        const [loadingHeight, loadingBelow] = [box(), below()];
        expect(loadingHeight).to.be.greaterThan(60);
        restoring.release();
        await until(() => ready(el), `${tag} loaded`);
        await el.updateComplete;
        expect(box(), `${tag} height`).to.equal(loadingHeight);
        expect(below(), 'what follows did not move').to.equal(loadingBelow);
      } finally {
        // A held restore holds the page's refresh lock: a failure here must not stall the next cases.
        restoring.release();
        await restoring.client.ready;
      }
    });
  }
});
