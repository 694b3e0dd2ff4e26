import type { Page } from '@playwright/test';

export interface VirtualAuthenticatorOptions {
  /** Default 'ctap2' / 'internal' (a platform authenticator: Touch ID, Windows Hello). */
  protocol?: 'ctap2' | 'u2f';
  transport?: 'internal' | 'usb' | 'nfc' | 'ble' | 'hybrid';
  /** Default true: discoverable credentials (passkeys). */
  hasResidentKey?: boolean;
  /** Default true, and the user is verified (biometrics succeed). */
  isUserVerified?: boolean;
}

export interface VirtualAuthenticator {
  id: string;
  /** The passkeys it holds. */
  credentials(): Promise<{ credentialId: string; rpId?: string; userHandle?: string; signCount: number; isResidentCredential: boolean }[]>;
  /** Biometrics fail (false) or succeed (true) from now on. */
  setUserVerified(verified: boolean): Promise<void>;
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
      automaticPresenceSimulation: true,
    },
  });
  return {
    id: authenticatorId,
    credentials: async () => (await cdp.send('WebAuthn.getCredentials', { authenticatorId })).credentials,
    setUserVerified: async (isUserVerified) => {
      await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified });
    },
    remove: async () => {
      await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId });
      await cdp.detach();
    },
  };
}
