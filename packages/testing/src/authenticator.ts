import type { Page } from '@playwright/test';

export interface VirtualAuthenticatorOptions {
  /** Default 'ctap2' / 'internal' (a platform authenticator: Touch ID, Windows Hello). */
  protocol?: 'ctap2' | 'u2f';
  transport?: 'internal' | 'usb' | 'nfc' | 'ble' | 'hybrid';
  /** Default true: discoverable credentials (passkeys). */
  hasResidentKey?: boolean;
  /** Default true, and the user is verified (biometrics succeed). */
  isUserVerified?: boolean;
  /**
   * Default true: the user answers every ceremony at once (touches the sensor, picks the
   * passkey), the passive one included: the autofill request that `<janua-sign-in>`'s email
   * field holds whenever its form shows. So while the authenticator holds a passkey for the
   * site, a sign-in form that appears signs in by itself, as if the user had picked the passkey
   * the browser offers under the field. False: ceremonies wait, as for a user who has not acted.
   */
  userPresent?: boolean;
}

export interface VirtualAuthenticator {
  id: string;
  /** The passkeys it holds. */
  credentials(): Promise<{ credentialId: string; rpId?: string; userHandle?: string; signCount: number; isResidentCredential: boolean }[]>;
  /** Biometrics fail (false) or succeed (true) from now on. */
  setUserVerified(verified: boolean): Promise<void>;
  /**
   * The user answers ceremonies at once (true) or is away (false) from now on. Chromium reads it
   * when a ceremony reaches the authenticator: one already waiting keeps waiting, and a form's
   * autofill request reaches it a moment after the form shows (once its challenge is back from
   * the server). So turn it off before a sign-in form shows (signing out, opening the page) to
   * keep the form, and on again no earlier than the request the action under test sends for its
   * own challenge (`page.route` on `/passkeys/authenticate/options` can hold it meanwhile).
   */
  setUserPresent(present: boolean): Promise<void>;
  remove(): Promise<void>;
}

/**
 * A software authenticator in Chromium through the DevTools protocol (WebAuthn domain):
 * `navigator.credentials.create/get` on the page answer from it, with no prompt. Chromium only;
 * passkeys need a host name for the page (localhost works; an IP address is not a valid RP ID).
 */
export async function addVirtualAuthenticator(page: Page, options: VirtualAuthenticatorOptions = {}): Promise<VirtualAuthenticator> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable', { enableUI: false });
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: options.protocol ?? 'ctap2',
      transport: options.transport ?? 'internal',
      hasResidentKey: options.hasResidentKey ?? true,
      hasUserVerification: true,
      isUserVerified: options.isUserVerified ?? true,
      automaticPresenceSimulation: options.userPresent ?? true,
    },
  });
  return {
    id: authenticatorId,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    setUserVerified: async (isUserVerified) => {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
    },
    setUserPresent: async (enabled) => {
      await cdp.send('WebAuthn.setAutomaticPresenceSimulation', { authenticatorId, enabled });
    },
    remove: async () => {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      await cdp.detach();
    },
  };
}
