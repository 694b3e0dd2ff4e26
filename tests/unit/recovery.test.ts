import { expect, fixture, html } from '@open-wc/testing';
import '../../components/forgot-password/define.ts';
import '../../components/reset-password/define.ts';
import '../../components/verify-email/define.ts';
import type { JanuaForgotPassword } from '../../components/forgot-password/forgot-password.ts';
import type { JanuaResetPassword } from '../../components/reset-password/reset-password.ts';
import type { JanuaVerifyEmail } from '../../components/verify-email/verify-email.ts';
import type { JanuaNavigateEvent } from '../../components/internal/events.ts';
import { JanuaClient } from '@janua/core';
import { startServer } from './helpers.ts';
import {
  alertText, buttonNamed, fieldError, fill, focused, input, outbox, PASSWORD, signedIn, uniqueEmail, until, waitButton,
  SLOW,
} from './account-helpers.ts';

const tokenOf = (link: string) => new URL(link).searchParams.get('token')!;
const text = (el: Element) => el.textContent!.replace(/\s+/g, ' ').trim();

/** An account, signed out, and the reset link the server mailed it. */
async function resetLink() {
  const ctx = await signedIn();
  await ctx.client.signOut();
  await ctx.client.signIn({ email: ctx.email, password: PASSWORD });
  const el = await fixture<JanuaForgotPassword>(html`<janua-forgot-password .client=${ctx.server.makeClient()}></janua-forgot-password>`);
  fill(el, 'email', ctx.email);
  buttonNamed(el, 'Send link').click();
  await until(() => el.textContent!.includes('on its way'), 'sent');
  const mail = (await outbox(ctx.server, ctx.email)).find((m) => m.link?.includes('/reset-password'))!;
  return { ...ctx, token: tokenOf(mail.link!) };
}

describe('<janua-forgot-password>', function () {
  this.timeout(SLOW);
  it('is accessible', async () => {
    const server = await startServer();
    const el = await fixture(html`<janua-forgot-password .client=${server.client} sign-in-url="/sign-in"></janua-forgot-password>`);
    await expect(el).to.be.accessible();
  });

  it('asks the server for a link to the reset page, and answers alike whether or not the account exists', async () => {
    const { server, email } = await signedIn();
    const el = await fixture<JanuaForgotPassword>(html`<janua-forgot-password .client=${server.makeClient()}
      redirect-base="http://janua.test/app"></janua-forgot-password>`);
    expect(input(el, 'email').autocomplete).to.equal('username');
    const events: string[] = [];
    el.addEventListener('janua-password-reset-requested', (e) => events.push(JSON.stringify(e.detail)));
    fill(el, 'email', email);
    buttonNamed(el, 'Send link').click();
    await until(() => text(el).includes(`If ${email} has an account, a link is on its way.`), 'sent');
    expect(JSON.parse(server.received.filter((r) => r.path.endsWith('/password/forgot')).at(-1)!.body))
      .to.deep.equal({ email, redirect_base: 'http://janua.test/app' });
    const link = (await outbox(server, email)).find((m) => m.link?.includes('reset-password'))!.link!;
    expect(link).to.match(/^http:\/\/janua\.test\/app\/reset-password\?token=/);
    expect(events).to.deep.equal(['{}']);
    expect(focused()).to.equal('h2 heading');
    buttonNamed(el, 'Try again').click();
    await until(() => el.querySelector('input[name="email"]'), 'the form again');
    const nobody = uniqueEmail();
    fill(el, 'email', nobody);
    buttonNamed(el, 'Send link').click();
    await until(() => text(el).includes(`If ${nobody} has an account`), 'the same answer');
  });

  it('leads back to sign-in through a cancelable janua-navigate', async () => {
    const server = await startServer();
    const el = await fixture<JanuaForgotPassword>(html`<janua-forgot-password .client=${server.client} sign-in-url="/sign-in"></janua-forgot-password>`);
    const seen: string[] = [];
    const onNavigate = (e: JanuaNavigateEvent) => { seen.push(`${e.detail.reason} ${e.detail.url}`); e.preventDefault(); };
    document.addEventListener('janua-navigate', onNavigate);
    try {
      el.shadowRoot!.querySelector<HTMLAnchorElement>('a[part="sign-in-link"]')!.click();
    } finally {
      document.removeEventListener('janua-navigate', onNavigate);
    }
    expect(seen).to.deep.equal(['sign-in /sign-in']);
  });
});

describe('<janua-reset-password>', function () {
  this.timeout(SLOW);
  it('is accessible', async () => {
    const server = await startServer();
    const el = await fixture(html`<janua-reset-password .client=${server.client} token="t" sign-in-url="/in"></janua-reset-password>`);
    await expect(el).to.be.accessible();
  });

  it('reads the token from the URL, applies the sign-up rules, ends every session, then leads to sign-in', async () => {
    const { server, email, client, token } = await resetLink();
    const url = location.href;
    history.replaceState(null, '', `?token=${encodeURIComponent(token)}`);
    try {
      const first = await fixture<JanuaResetPassword>(html`<janua-reset-password .client=${server.makeClient()}
        sign-in-url="/sign-in"></janua-reset-password>`);
      // Taken out of the address bar (the history, the next request's Referer), kept by the page
      // for an element that replaces this one (a framework re-rendering), which goes on with it.
      expect(location.search, 'the token left the address').to.equal('');
      const el = document.createElement('janua-reset-password') as JanuaResetPassword;
      el.client = server.makeClient();
      el.signInUrl = '/sign-in';
      first.replaceWith(el);
      await until(() => el.querySelector('input[name="new_password"]'), 'the form, in the element that replaced it');
      const field = input(el, 'new_password');
      expect(field.autocomplete).to.equal('new-password');
      expect([field.minLength, field.maxLength]).to.deep.equal([8, 128]);
      expect(text(el)).to.contain('Use 8 to 128 characters.');
      // The server's rules beyond length: not the email address.
      fill(el, 'new_password', email);
      buttonNamed(el, 'Save').click();
      await until(() => fieldError(input(el, 'new_password')), 'the weak password');
      expect(focused()).to.equal('input new_password');
      const events: string[] = [];
      el.addEventListener('janua-password-reset', (e) => events.push(JSON.stringify(e.detail)));
      fill(el, 'new_password', 'A-brand-new-password-9');
      await el.updateComplete;
      expect(text(el)).to.contain('Password strength: strong.');
      buttonNamed(el, 'Save').click();
      await until(() => text(el).includes('Password changed.'), 'done');
      expect(events).to.deep.equal(['{}']);
      expect(el.querySelector<HTMLAnchorElement>('a.janua-button')!.getAttribute('href')).to.equal('/sign-in');
      await client.request('GET', '/auth/me').catch(() => undefined);
      expect(client.getSnapshot().status, 'the old session ended').to.equal('signed-out');
      const fresh = server.makeClient();
      expect((await fresh.signIn({ email, password: 'A-brand-new-password-9' })).status).to.equal('complete');
    } finally {
      history.replaceState(null, '', url);
    }
  });

  it('a used or missing token says so and offers a new link', async () => {
    const { server, token } = await resetLink();
    const el = await fixture<JanuaResetPassword>(html`<janua-reset-password .client=${server.makeClient()} token=${token}
      forgot-password-url="/forgot"></janua-reset-password>`);
    fill(el, 'new_password', 'A-brand-new-password-9');
    buttonNamed(el, 'Save').click();
    await until(() => text(el).includes('Password changed.'), 'used once');
    const again = await fixture<JanuaResetPassword>(html`<janua-reset-password .client=${server.makeClient()} token=${token}
      forgot-password-url="/forgot"></janua-reset-password>`);
    fill(again, 'new_password', 'Yet-another-password-9');
    buttonNamed(again, 'Save').click();
    await until(() => text(again).includes('This link is expired or was already used.'), 'expired');
    expect(alertText(again)).to.contain('no longer valid');
    expect(again.querySelector('a.janua-button')!.getAttribute('href')).to.equal('/forgot');
    const none = await fixture<JanuaResetPassword>(html`<janua-reset-password .client=${server.makeClient()}></janua-reset-password>`);
    expect(text(none)).to.contain('This link is expired or was already used.');
    expect(none.querySelector('input')).to.equal(null);
  });

  it('a token set later (a router\'s parameter) brings the form back for that link, with nothing of the last one', async () => {
    const { server, email, token } = await resetLink();
    const el = await fixture<JanuaResetPassword>(html`<janua-reset-password .client=${server.makeClient()} token="dead"
      forgot-password-url="/forgot"></janua-reset-password>`);
    fill(el, 'new_password', 'A-brand-new-password-9');
    buttonNamed(el, 'Save').click();
    await until(() => text(el).includes('This link is expired or was already used.'), 'the dead link refused');
    el.token = token;
    await until(() => el.querySelector('input[name="new_password"]'), 'the form for the new link');
    expect(alertText(el)).to.equal('');
    fill(el, 'new_password', 'A-brand-new-password-9');
    buttonNamed(el, 'Save').click();
    await until(() => text(el).includes('Password changed.'), 'changed with the new link');
    expect((await server.makeClient().signIn({ email, password: 'A-brand-new-password-9' })).status).to.equal('complete');
  });
});

describe('<janua-verify-email>', function () {
  this.timeout(SLOW);
  it('is accessible', async () => {
    const { client } = await signedIn();
    const el = await fixture(html`<janua-verify-email .client=${client}></janua-verify-email>`);
    await waitButton(el, 'Resend link');
    await expect(el).to.be.accessible();
  });

  it('verifies the token of the welcome mail at once; the signed-in user shows verified', async () => {
    const { server, email, client } = await signedIn();
    const link = (await outbox(server, email)).find((m) => m.link?.includes('verify-email'))!.link!;
    const events: string[] = [];
    const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${client} token=${tokenOf(link)}
      continue-url="/account" @janua-email-verified=${(e: Event) => events.push(e.type)}></janua-verify-email>`);
    await until(() => text(el).includes('Your email is verified.'), 'verified');
    expect(client.getSnapshot().user!.emailVerified).to.equal(true);
    expect(events).to.deep.equal(['janua-email-verified']);
    expect(el.querySelector('a.janua-button')!.getAttribute('href')).to.equal('/account');
    expect(server.received.filter((r) => r.path.endsWith('/email/verify'))).to.have.length(1);
    // Through the redirect guard: no script and no other site behind Continue.
    for (const unsafe of ['javascript:alert(1)', '//evil.example/x', 'https://evil.example/']) {
      el.continueUrl = unsafe;
      await el.updateComplete;
      expect(el.querySelector('a.janua-button')!.getAttribute('href'), unsafe).to.equal('/');
    }
  });

  it('an expired link offers a new one', async () => {
    const { server, email, client } = await signedIn();
    const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${client} token="not-a-real-token"></janua-verify-email>`);
    await until(() => text(el).includes('This link is expired or was already used.'), 'expired');
    const before = (await outbox(server, email)).length;
    buttonNamed(el, 'Resend link').click();
    await until(() => alertText(el) === `Link sent to ${email}.`, 'sent');
    expect((await outbox(server, email)).length).to.equal(before + 1);
  });

  it('a check the server could not be reached for says why and is sent again on request', async () => {
    const { server, email } = await signedIn();
    const token = tokenOf((await outbox(server, email)).find((m) => m.link?.includes('verify-email'))!.link!);
    let down = true;
    const fetch = (input: RequestInfo | URL, init?: RequestInit) => down && new Request(input, init).url.endsWith('/email/verify')
      ? Promise.reject(new TypeError('Failed to fetch')) : server.fetch(input, init);
    const client = new JanuaClient({ api: server.client.api, fetch, refreshTransport: 'body', crossTab: false, restore: false });
    await client.signIn({ email, password: PASSWORD });
    const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${client} token=${token}></janua-verify-email>`);
    await until(() => el.querySelector('button'), 'the way to try again');
    expect(buttonNamed(el, 'Try again')).to.exist;
    expect(alertText(el)).to.not.equal('');
    expect(text(el), 'no "open the link we sent" for a link that may well work').to.not.contain('Open the link');
    down = false;
    buttonNamed(el, 'Try again').click();
    await until(() => text(el).includes('Your email is verified.'), 'verified on the second try');
    expect(alertText(el)).to.equal('');
    expect(el.shadowRoot!.activeElement, 'focus kept in the card').to.equal(el.shadowRoot!.querySelector('.heading'));
  });

  it('signed out, asks to sign in first (the server confirms only the signed-in account), then verifies', async () => {
    const { server, email, client } = await signedIn();
    const token = tokenOf((await outbox(server, email)).find((m) => m.link?.includes('verify-email'))!.link!);
    await client.signOut();
    const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${client} token=${token}
      sign-in-url="/sign-in"></janua-verify-email>`);
    await until(() => text(el).includes('Sign in to confirm your email address.'), 'the sign-in prompt');
    expect(el.shadowRoot!.querySelector('a[part="sign-in-link"]')!.getAttribute('href')).to.equal('/sign-in');
    // Tried once signed out (the platform confirms with the token alone); this server wants the
    // session (401), which the prompt says without an error.
    expect(server.received.filter((r) => r.path.endsWith('/email/verify'))).to.have.length(1);
    expect(alertText(el)).to.equal('');
    await client.signIn({ email, password: PASSWORD });
    await until(() => text(el).includes('Your email is verified.'), 'verified once signed in');
    expect(client.getSnapshot().user!.emailVerified).to.equal(true);
  });

  it('a token read from the address leaves it once judged, so a reload does not send a used link again', async () => {
    const { server, email, client } = await signedIn();
    const token = tokenOf((await outbox(server, email)).find((m) => m.link?.includes('verify-email'))!.link!);
    const here = location.href;
    history.replaceState(null, '', `?token=${encodeURIComponent(token)}&from=mail`);
    try {
      const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${client}></janua-verify-email>`);
      await until(() => text(el).includes('Your email is verified.'), 'verified');
      expect(new URLSearchParams(location.search).get('token')).to.equal(null);
      expect(new URLSearchParams(location.search).get('from'), 'the page\'s own parameters stay').to.equal('mail');
      el.remove();
      // "Reloaded": verified, and no used link sent again (no "no longer valid" beside it).
      const again = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${client}></janua-verify-email>`);
      await until(() => text(again).includes('Your email is verified.'), 'verified again');
      expect(alertText(again)).to.equal('');
      expect(server.received.filter((r) => r.path.endsWith('/email/verify'))).to.have.length(1);
    } finally {
      history.replaceState(null, '', here);
    }
  });

  it('signed out on a server that confirms with the token alone (the platform): verified at once', async () => {
    const { server, email, client } = await signedIn();
    const token = tokenOf((await outbox(server, email)).find((m) => m.link?.includes('verify-email'))!.link!);
    // The reference server's session check taken away: the token goes through with a user's Bearer.
    const tokenOnly = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (!request.url.endsWith('/auth/email/verify')) return server.fetch(request);
      const bearer = await client.getAccessToken();
      return server.fetch(new Request(request, { headers: { 'content-type': 'application/json', authorization: `Bearer ${bearer}` } }));
    };
    const visitor = new JanuaClient({ api: server.client.api, fetch: tokenOnly, refreshTransport: 'body', crossTab: false });
    await visitor.ready;
    const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${visitor} token=${token}></janua-verify-email>`);
    await until(() => text(el).includes('Your email is verified.'), 'verified while signed out');
    const me = await client.request<{ email_verified: boolean }>('GET', '/auth/me');
    expect(me.email_verified).to.equal(true);
  });

  it('a sign-in while the signed-out try is under way: sent again once it ends, verified, no error', async () => {
    const { server, email, client } = await signedIn();
    const token = tokenOf((await outbox(server, email)).find((m) => m.link?.includes('verify-email'))!.link!);
    await client.signOut();
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let held = false;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (!held && request.url.endsWith('/auth/email/verify')) {
        held = true;
        await gate;
      }
      return server.fetch(request);
    };
    const visitor = new JanuaClient({ api: server.client.api, fetch, refreshTransport: 'body', crossTab: false });
    await visitor.ready;
    const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${visitor} token=${token}></janua-verify-email>`);
    await until(() => held, 'the signed-out try under way');
    await visitor.signIn({ email, password: PASSWORD });
    open();
    await until(() => text(el).includes('Your email is verified.'), 'verified once signed in');
    expect(alertText(el)).to.equal('');
    expect(server.received.filter((r) => r.path.endsWith('/email/verify'))).to.have.length(2);
  });

  it('a spent token is not sent again when the session ends and comes back', async () => {
    const { server, email, client } = await signedIn();
    const token = tokenOf((await outbox(server, email)).find((m) => m.link?.includes('verify-email'))!.link!);
    const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${client} token=${token}></janua-verify-email>`);
    await until(() => text(el).includes('Your email is verified.'), 'verified');
    await client.signOut();
    await until(() => client.getSnapshot().status === 'signed-out', 'signed out');
    await el.updateComplete;
    await client.signIn({ email, password: PASSWORD });
    await until(() => text(el).includes('Your email is verified.'), 'verified, signed in again');
    expect(alertText(el)).to.equal('');
    expect(server.received.filter((r) => r.path.endsWith('/email/verify'))).to.have.length(1);
  });

  it('signed out, a dead link says so at once (signing in would not help)', async () => {
    const { server } = await signedIn();
    const visitor = server.makeClient();
    await visitor.ready;
    const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${visitor} token="not-a-real-token"></janua-verify-email>`);
    await until(() => text(el).includes('This link is expired or was already used.'), 'expired');
    expect(text(el)).not.to.contain('Sign in to confirm');
  });

  it('a link for another account says so', async () => {
    const first = await signedIn();
    const token = tokenOf((await outbox(first.server, first.email)).find((m) => m.link?.includes('verify-email'))!.link!);
    const other = first.server.makeClient();
    await other.signUp({ email: uniqueEmail(), password: PASSWORD });
    const here = location.href;
    history.replaceState(null, '', `?token=${encodeURIComponent(token)}`);
    try {
      const el = await fixture<JanuaVerifyEmail>(html`<janua-verify-email .client=${other}></janua-verify-email>`);
      await until(() => text(el).includes('This link is for another account.'), 'another account');
      expect(first.client.getSnapshot().user!.emailVerified).to.equal(false);
      // Not spent: it stays in the address, for when the right account signs in.
      expect(new URLSearchParams(location.search).get('token')).to.equal(token);
    } finally {
      history.replaceState(null, '', here);
    }
  });
});
