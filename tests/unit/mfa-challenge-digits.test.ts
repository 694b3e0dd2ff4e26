import { expect, fixture, html } from '@open-wc/testing';
import '../../components/mfa-challenge/define.ts';
import type { JanuaMfaChallenge } from '../../components/mfa-challenge/mfa-challenge.ts';
import { PASSWORD, until } from './helpers.ts';
import { nextCode, paste, startMethodsServer, totpAccount } from './methods-helpers.ts';

const codeInput = (el: Element) => el.querySelector<HTMLInputElement>('input[name="code"]');

describe('<janua-mfa-challenge> and the digits of the keyboard', () => {
  it('is accessible', async () => {
    const server = await startMethodsServer();
    const { email } = await totpAccount(server);
    expect((await server.client.signIn({ email, password: PASSWORD })).status).to.equal('needs_mfa');
    const el = await fixture<JanuaMfaChallenge>(html`<janua-mfa-challenge .client=${server.client}></janua-mfa-challenge>`);
    await until(() => codeInput(el), 'the code field');
    await expect(el).to.be.accessible();
  });

  // An Arabic keyboard types ٠-٩, a Japanese or Chinese input method ０-９.
  for (const [name, zero] of [['Arabic-Indic', 0x0660], ['full-width', 0xff10]] as const) {
    it(`takes a code typed in ${name} digits as 0-9, and signs in with it`, async () => {
      const server = await startMethodsServer();
      const { email, secret } = await totpAccount(server);
      expect((await server.client.signIn({ email, password: PASSWORD })).status).to.equal('needs_mfa');
      const el = await fixture<JanuaMfaChallenge>(html`<janua-mfa-challenge .client=${server.client}></janua-mfa-challenge>`);
      await until(() => codeInput(el), 'the code field');
      const code = await nextCode(secret);
      paste(codeInput(el)!, code.replace(/\d/g, (d) => String.fromCharCode(zero + Number(d))));
      expect(codeInput(el)!.value, 'the digits kept, as 0-9').to.equal(code);
      await until(() => server.client.getSnapshot().status === 'signed-in', 'signed in');
      const sent = server.received.filter((r) => r.path.endsWith('/mfa/challenge/verify'));
      expect(JSON.parse(sent[0]!.body).code).to.equal(code);
    });
  }
});
