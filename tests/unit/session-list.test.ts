import { expect, fixture, html } from '@open-wc/testing';
import '../../components/session-list/define.ts';
import type { JanuaSessionList } from '../../components/session-list/session-list.ts';
import { alertText, buttonNamed, focused, labelledName, PASSWORD, signedIn, signInWithAgent, until, SLOW } from './account-helpers.ts';

const rows = (el: Element) => [...el.querySelectorAll('.janua-item')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());

async function mount(others = 1) {
  const ctx = await signedIn();
  const devices = [];
  for (let i = 0; i < others; i++) {
    const other = ctx.server.makeClient();
    await other.signIn({ email: ctx.email, password: PASSWORD });
    devices.push(other);
  }
  const el = await fixture<JanuaSessionList>(html`<janua-session-list .client=${ctx.client}></janua-session-list>`);
  await until(() => rows(el).length === others + 1, 'every session');
  return { ...ctx, el, devices };
}

describe('<janua-session-list>', function () {
  this.timeout(SLOW);
  it('is accessible', async () => {
    const { el } = await mount();
    await expect(el).to.be.accessible();
  });

  it('lists device, browser and system, last activity, and marks this device (first)', async () => {
    const { el } = await mount();
    const [current, other] = rows(el);
    expect(current).to.match(/This device/);
    expect(current).to.match(/ · active \w{3} \d+, \d{4}/);
    expect(other).not.to.match(/This device/);
    // The current session cannot be ended from here (that is the sign-out button's job).
    expect(el.querySelectorAll('.janua-item')[0]!.querySelector('button')).to.equal(null);
  });

  it('names the device, browser and system from the user agent; an unknown one in the page\'s language', async () => {
    const { server, email, client } = await signedIn();
    await signInWithAgent(server, email, 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0');
    await signInWithAgent(server, email, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 '
      + '(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1');
    // A user agent the server cannot read.
    await signInWithAgent(server, email, 'curl/8.5.0');
    const el = await fixture<JanuaSessionList>(html`<janua-session-list .client=${client}></janua-session-list>`);
    await until(() => rows(el).length === 4, 'every session');
    const all = rows(el);
    // This page's own session: the in-page server got no user agent.
    expect(all[0]).to.match(/^Unknown device ?This device Unknown browser · active /);
    expect(all.slice(1).map((r) => r.replace(/ · active .*$/, '')).sort()).to.deep.equal([
      'Computer Firefox 128, Windows 10', 'Unknown device Unknown browser', 'iPhone Safari 17, iOS 17.5',
    ]);
    el.locale = 'fr';
    await until(() => rows(el)[0]!.startsWith('Appareil inconnu'), 'French');
    expect(rows(el)[0]).to.match(/^Appareil inconnu ?Cet appareil Navigateur inconnu · /);
    // The kind of device in the page's words (the server's device_type, ext); a model is a name.
    expect(rows(el).map((r) => r.split(' ')[0]).sort()).to.deep.equal(['Appareil', 'Appareil', 'Ordinateur', 'iPhone']);
    expect(rows(el).join('\n')).not.to.match(/Unknown|\?/);
  });

  it('signs out one device: its next call fails and it is signed out; focus does not fall to the page', async () => {
    const { el, devices } = await mount(2);
    const events: string[] = [];
    el.addEventListener('janua-session-revoked', (e) => events.push(JSON.stringify(e.detail)));
    const button = el.querySelectorAll<HTMLButtonElement>('.janua-item button')[0]!;
    expect(button.textContent).to.equal('Sign out');
    // Named with the device it signs out, so two rows' buttons do not read alike.
    const title = button.closest('.janua-item')!.querySelector('.janua-item-title')!.textContent!.trim();
    expect(labelledName(button)).to.equal(`Sign out ${title}`);
    button.click();
    await until(() => rows(el).length === 2, 'one row less');
    expect(alertText(el)).to.equal('Devices signed out: 1.');
    expect(focused()).to.equal('h2 heading');
    expect(events).to.have.length(1);
    const { sessionId } = JSON.parse(events[0]!) as { sessionId: string };
    const gone = devices.find((d) => d.getSnapshot().session?.id === sessionId)!;
    const kept = devices.find((d) => d !== gone)!;
    await gone.request('GET', '/auth/me').catch(() => undefined);
    expect(gone.getSnapshot().status).to.equal('signed-out');
    await kept.request('GET', '/auth/me');
    expect(kept.getSnapshot().status).to.equal('signed-in');
  });

  it('signs out every other device at once', async () => {
    const { el, devices, client } = await mount(2);
    buttonNamed(el, 'Sign out other devices').click();
    await until(() => rows(el).length === 1, 'only this device');
    expect(alertText(el)).to.equal('Devices signed out: 2.');
    expect(() => buttonNamed(el, 'Sign out other devices')).to.throw();
    for (const device of devices) {
      await device.request('GET', '/auth/me').catch(() => undefined);
      expect(device.getSnapshot().status).to.equal('signed-out');
    }
    expect(client.getSnapshot().status).to.equal('signed-in');
  });
});
