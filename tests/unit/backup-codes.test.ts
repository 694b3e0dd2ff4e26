import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { JanuaClient, mfa } from '@janua/core';
import '../../components/backup-codes/define.ts';
import type { JanuaBackupCodes } from '../../components/backup-codes/backup-codes.ts';
import { totp } from './totp.ts';
import { captureDownloads } from './downloads.ts';
import { CAN_EMULATE_MEDIA, uniqueEmail } from './helpers.ts';
import { alertText, buttonNamed, fieldError, fill, focused, input, PASSWORD, signedIn, stubClipboard, until, waitButton, SLOW } from './account-helpers.ts';

/** MFA on through the core module; returns the fresh codes (what the setup step hands over). */
async function withMfa(client: JanuaClient): Promise<string[]> {
  const setup = await mfa(client).enable(PASSWORD);
  await mfa(client).confirm(await totp(setup.secret));
  return setup.backupCodes;
}

async function mountFresh() {
  const ctx = await signedIn();
  const codes = await withMfa(ctx.client);
  const el = await fixture<JanuaBackupCodes>(html`<janua-backup-codes .client=${ctx.client} .codes=${codes}></janua-backup-codes>`);
  await until(() => el.querySelector('.janua-codes'), 'the codes');
  return { ...ctx, el, codes };
}

/** Presses Download and returns what the page saved. */
async function download(el: HTMLElement) {
  const downloads = captureDownloads();
  try {
    buttonNamed(el, 'Download').click();
    await until(() => downloads.files.length, 'a download');
  } finally {
    downloads.stop();
  }
  return downloads.files;
}

describe('<janua-backup-codes>', function () {
  this.timeout(SLOW);
  it('is accessible showing a new set, and with the remaining count', async () => {
    const { el, client } = await mountFresh();
    await expect(el).to.be.accessible();
    const later = await fixture<JanuaBackupCodes>(html`<janua-backup-codes .client=${client}></janua-backup-codes>`);
    await waitButton(later, 'Generate new codes');
    await expect(later).to.be.accessible();
  });

  it('shows each code once, in a labelled list', async () => {
    const { el, codes } = await mountFresh();
    const list = el.querySelector('ol.janua-codes')!;
    expect(list.getAttribute('aria-label')).to.equal('Backup codes');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(codes);
  });

  it('copies the codes, one per line, and says so; says so too when the browser refuses', async () => {
    const { el, codes } = await mountFresh();
    const clipboard = stubClipboard();
    try {
      buttonNamed(el, 'Copy').click();
      await until(() => alertText(el) === 'Copied.', 'the copied notice');
      expect(clipboard.copied).to.deep.equal([codes.join('\n')]);
      clipboard.refuse();
      buttonNamed(el, 'Copy').click();
      await until(() => alertText(el).startsWith('Copying failed'), 'the failure notice');
    } finally {
      clipboard.restore();
    }
    // What the copy said does not stay to describe the next action.
    await download(el);
    expect(alertText(el), 'the copy notice gone').to.equal('');
  });

  it('downloads a .txt file that holds the account and every code', async () => {
    const { el, codes, email } = await mountFresh();
    const [file] = await download(el);
    expect(file!.name).to.equal('backup-codes.txt');
    expect(file!.blob.type).to.match(/^text\/plain/);
    const lines = (await file!.blob.text()).split('\n');
    expect(lines[0]).to.equal(`Backup codes for ${email}`);
    expect(lines.filter((l) => codes.includes(l))).to.deep.equal(codes);
    expect(document.querySelector('a[download]'), 'the link does not stay in the page').to.equal(null);
  });

  it('prints the codes alone: a print stylesheet hides the page, and the sheet leaves with the step', async () => {
    const { el, codes } = await mountFresh();
    const print = window.print;
    let printed = 0;
    window.print = () => void printed++;
    try {
      buttonNamed(el, 'Print').click();
      expect(printed).to.equal(1);
      const sheet = document.querySelector<HTMLElement>('body > .janua-print')!;
      expect([...sheet.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(codes);
      expect(sheet.checkVisibility(), 'hidden on screen').to.equal(false);
      // Print media can only be emulated in Chromium (over CDP); Firefox and WebKit check the rest.
      if (CAN_EMULATE_MEDIA) {
        await emulateMedia({ media: 'print' });
        expect(sheet.checkVisibility(), 'shown in print').to.equal(true);
        expect(el.checkVisibility(), 'the rest of the page is not printed').to.equal(false);
      }
    } finally {
      if (CAN_EMULATE_MEDIA) await emulateMedia({ media: 'screen' });
      window.print = print;
    }
    input(el, 'saved').click();
    buttonNamed(el, 'Done').click();
    await until(() => !el.querySelector('.janua-codes'), 'the step done');
    expect(document.querySelector('.janua-print'), 'no code left in the page').to.equal(null);
  });

  it('prints in the element\'s language and direction, not the page\'s', async () => {
    const { el } = await mountFresh();
    el.locale = 'ar';
    await until(() => el.getAttribute('dir') === 'rtl' && el.querySelector('.janua-codes'), 'the Arabic card');
    const print = window.print;
    window.print = () => undefined;
    try {
      (el.querySelectorAll<HTMLButtonElement>('.janua-actions button'))[2]!.click();
      const sheet = document.querySelector<HTMLElement>('body > .janua-print')!;
      expect([sheet.lang, sheet.dir]).to.deep.equal(['ar', 'rtl']);
    } finally {
      window.print = print;
      document.querySelector('body > .janua-print')?.remove();
    }
  });

  it('will not finish before "I have saved these codes"; then forgets the codes and tells only their count', async () => {
    const { el, codes } = await mountFresh();
    const events: string[] = [];
    el.addEventListener('janua-backup-codes-saved', (e) => events.push(JSON.stringify(e.detail)));
    buttonNamed(el, 'Done').click();
    await until(() => fieldError(input(el, 'saved')), 'the box is required');
    expect(fieldError(input(el, 'saved'))).to.equal('Tick this box to continue.');
    expect(focused()).to.equal('input saved');
    expect(events).to.deep.equal([]);
    input(el, 'saved').click();
    buttonNamed(el, 'Done').click();
    await waitButton(el, 'Generate new codes');
    expect(events).to.deep.equal(['{"count":10}']);
    expect(el.codes).to.equal(undefined);
    for (const code of codes) expect(el.textContent).not.to.contain(code);
    expect(el.textContent).to.contain('10 unused');
  });

  it('forgets the codes when another account signs in without a sign-out between (another tab\'s sign-in)', async () => {
    const { el, client, server, codes } = await mountFresh();
    const print = window.print;
    window.print = () => undefined;
    try {
      buttonNamed(el, 'Print').click();
    } finally {
      window.print = print;
    }
    const other = uniqueEmail();
    await server.makeClient().signUp({ email: other, password: PASSWORD });
    const statuses: string[] = [];
    const stop = client.subscribe((s) => statuses.push(s.status));
    await client.signIn({ email: other, password: PASSWORD });
    stop();
    expect(statuses, 'the client went from one account to the other').to.not.include('signed-out');
    await until(() => !el.querySelector('.janua-codes'), 'the codes gone');
    expect(el.codes).to.equal(undefined);
    for (const code of codes) expect(el.textContent).not.to.contain(code);
    expect(document.querySelector('.janua-print'), 'nor left in the print sheet').to.equal(null);
  });

  it('later shows what is left, and regenerates with the password (the old set stops working)', async () => {
    const { client, server } = await signedIn();
    const old = await withMfa(client);
    const el = await fixture<JanuaBackupCodes>(html`<janua-backup-codes .client=${client}></janua-backup-codes>`);
    await waitButton(el, 'Generate new codes');
    expect(el.textContent).to.contain('10 unused');
    buttonNamed(el, 'Generate new codes').click();
    await until(() => el.querySelector('input[name="password"]'), 'the password step');
    expect(focused()).to.equal('input password');
    fill(el, 'password', 'wrong password here');
    buttonNamed(el, 'Generate new codes').click();
    await until(() => fieldError(input(el, 'password')), 'the wrong password');
    // The field says it; the alert does not add sign-in's "email and password do not match".
    expect(fieldError(input(el, 'password'))).to.equal('That password is not correct.');
    expect(alertText(el)).to.equal('');
    fill(el, 'password', PASSWORD);
    buttonNamed(el, 'Generate new codes').click();
    await until(() => el.querySelector('.janua-codes'), 'the new codes');
    const fresh = [...el.querySelectorAll('.janua-codes li')].map((li) => li.textContent!);
    expect(fresh).to.have.length(10);
    expect(fresh.filter((c) => old.includes(c))).to.deep.equal([]);
    const body = server.received.find((r) => r.path.endsWith('/mfa/regenerate-backup-codes') && r.body.includes(PASSWORD))!.body;
    expect(JSON.parse(body)).to.deep.equal({ password: PASSWORD });
  });

  it('a refusal that names the field but is a wait (429) or a lock (423) keeps its own message in the alert', async () => {
    const { server } = await signedIn();
    let answer: { status: number; code: string } | null = null;
    const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
      const request = new Request(input, init);
      if (answer && request.url.endsWith('/mfa/regenerate-backup-codes')) {
        const { status, code } = answer;
        return Response.json({ error: { code, message: 'Refused', details: { validation_errors: [{ field: 'password', message: 'Refused', type: 'refused' }] } } },
          { status, headers: status === 429 ? { 'retry-after': '30' } : {} });
      }
      return server.fetch(request);
    };
    const other = new JanuaClient({ api: server.client.api, fetch, refreshTransport: 'body', crossTab: false });
    await other.signUp({ email: uniqueEmail(), password: PASSWORD });
    await withMfa(other);
    const el = await fixture<JanuaBackupCodes>(html`<janua-backup-codes .client=${other}></janua-backup-codes>`);
    await waitButton(el, 'Generate new codes');
    buttonNamed(el, 'Generate new codes').click();
    await until(() => el.querySelector('input[name="password"]'), 'the password step');
    for (const [status, code, said] of [[429, 'RATE_LIMITED', 'Try again in 30 seconds'], [423, 'ACCOUNT_LOCKED', 'reset your password']] as const) {
      answer = { status, code };
      fill(el, 'password', PASSWORD);
      buttonNamed(el, 'Generate new codes').click();
      await until(() => alertText(el).includes(said), `${code} in the alert`);
    }
  });

  it('without two-step verification, says to turn it on first', async () => {
    const { client } = await signedIn();
    const el = await fixture<JanuaBackupCodes>(html`<janua-backup-codes .client=${client}></janua-backup-codes>`);
    await until(() => el.textContent!.includes('Turn on two-step verification first.'), 'the hint');
    expect(el.querySelector('button')).to.equal(null);
  });
});
