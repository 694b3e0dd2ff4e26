import { expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../components/danger-zone/define.ts';
import '../../components/email-settings/define.ts';
import { captureDownloads } from './downloads.ts';
import { alertText, buttonNamed, focused, region, signedIn, until, SLOW, type Server } from './account-helpers.ts';

/*
 * Where focus is after the account sections' buttons that have no form of their own (a button is
 * disabled while its request runs, which drops focus to the page), and after leaving the delete
 * confirmation, by its Cancel or by Escape.
 */

async function mount(template: ReturnType<typeof html>, name: string): Promise<HTMLElement> {
  const el = await fixture<HTMLElement>(template);
  await until(() => el.querySelector(`[data-janua-region="${name}"] button:enabled`), `the ${name} section`);
  return el;
}

/** Presses a light-DOM button as a keyboard user does: focus, then Enter (real key input, so the page has the system focus). */
async function press(button: HTMLButtonElement): Promise<void> {
  button.focus();
  await sendKeys({ press: 'Enter' });
}

/**
 * Runs `act` with the server holding its answer while the button is disabled for a few frames, as
 * on a real network: long enough for the browser to move focus off a disabled button.
 */
async function slowly(server: Server, act: () => Promise<void>, button: () => HTMLButtonElement): Promise<void> {
  server.hold();
  try {
    await act();
    await until(() => button().disabled, 'the button disabled while the request runs');
    for (let i = 0; i < 3; i++) await new Promise(requestAnimationFrame);
  } finally {
    server.release();
  }
}

describe('account sections: focus after their buttons', function () {
  this.timeout(SLOW);

  it('Resend the link: focus back on the button, the status said', async () => {
    const { server, client } = await signedIn();
    const el = await mount(html`<janua-email-settings .client=${client}></janua-email-settings>`, 'email');
    await slowly(server, () => press(buttonNamed(region(el, 'email'), 'Resend link')), () => buttonNamed(region(el, 'email'), 'Resend link'));
    await until(() => alertText(el).startsWith('Link sent to'), 'the status');
    await until(() => focused() === 'button "Resend link"', `focus on the button, not ${focused()}`);
  });

  it('Download my data: focus back on the button', async () => {
    const { server, client } = await signedIn();
    const el = await mount(html`<janua-danger-zone .client=${client}></janua-danger-zone>`, 'danger');
    const downloads = captureDownloads();
    try {
      await slowly(server, () => press(buttonNamed(region(el, 'danger'), 'Download my data')), () => buttonNamed(region(el, 'danger'), 'Download my data'));
      await until(() => downloads.files.length, 'the download');
    } finally {
      downloads.stop();
    }
    await until(() => focused() === 'button "Download my data"', `focus on the button, not ${focused()}`);
  });

  it('leaving the delete confirmation (Cancel, or Escape in it) puts focus back on Delete account', async () => {
    const { client } = await signedIn();
    const el = await mount(html`<janua-danger-zone .client=${client}></janua-danger-zone>`, 'danger');
    await press(buttonNamed(region(el, 'danger'), 'Delete account'));
    await until(() => focused() === 'input password', `the password field, not ${focused()}`);
    await press(buttonNamed(region(el, 'danger'), 'Cancel'));
    await until(() => focused() === 'button "Delete account"', `back on Delete account, not ${focused()}`);
    expect(region(el, 'danger').querySelector('input[name="password"]')).to.equal(null);
    await press(buttonNamed(region(el, 'danger'), 'Delete account'));
    await until(() => focused() === 'input password', `the password field again, not ${focused()}`);
    await sendKeys({ press: 'Escape' });
    await until(() => focused() === 'button "Delete account"', `Escape: back on Delete account, not ${focused()}`);
    expect(region(el, 'danger').querySelector('input[name="password"]')).to.equal(null);
  });
});
