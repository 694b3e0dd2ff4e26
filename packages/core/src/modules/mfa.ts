import type { ApiBackupCodes, ApiMfaSetup, ApiMfaStatus, MfaMethod } from '../api-types.ts';
import type { JanuaClient } from '../client.ts';
import { JanuaError } from '../errors.ts';
import { camel, defineModule, type Internals } from '../internal.ts';
import { confirming } from './confirming.ts';
import { invalidate, resource, type Resource } from '../resource.ts';

export interface MfaStatus {
  enabled: boolean;
  verified: boolean;
  backupCodesRemaining: number;
  lastUsedAt: string | null;
  methods: MfaMethod[];
}

/** What the authenticator-app setup shows once: never kept by the client. */
export interface MfaSetup {
  secret: string;
  /** An image data URI rendered by the server. */
  qrCode: string;
  backupCodes: string[];
  provisioningUri: string;
}

export interface MfaModule {
  /** `methods` is filled in when the server leaves it out (docs/api.md: ext): the authenticator app, once enabled. */
  readonly status: Resource<MfaStatus>;
  /**
   * Whether to offer text-message codes (ext): false once the server answered 404 to an SMS route,
   * or gave a status without `methods` (a server without the extensions).
   */
  readonly smsAvailable: boolean;
  /**
   * Starts authenticator-app setup; MFA is on only after `confirm`. Here and below, `password` is
   * left out for an account without one (`user.hasPassword` false): a sign-in of the last 10
   * minutes confirms instead, else the server answers 403 (`reason: 'reauthentication_required'`).
   */
  enable(password?: string): Promise<MfaSetup>;
  /** Checks the first code of the app; then `user.mfaEnabled` is true. */
  confirm(code: string): Promise<void>;
  disable(params: { password?: string; code?: string }): Promise<void>;
  regenerateBackupCodes(password?: string): Promise<{ backupCodes: string[]; generatedAt: string }>;
  /** Texts a code to `phoneNumber` (E.164); `confirmSms` makes the phone a factor. */
  enableSms(params: { password?: string; phoneNumber: string }): Promise<void>;
  confirmSms(code: string): Promise<void>;
}

/** Second-factor settings of the signed-in user. */
export const mfa: (client: JanuaClient) => MfaModule = /* @__PURE__ */ defineModule((client, i) => {
  /** The server has no text-message codes (ext): it answered 404 to them, or its status has no `methods`. */
  let noSms = false;
  const status = resource(client, 'mfa', null, async () => {
    const s = camel<MfaStatus>(await i.call<ApiMfaStatus>('GET', '/mfa/status'));
    if (Array.isArray(s.methods)) return s;
    // A server without the extensions (`methods` is one): the contract's one factor is the
    // authenticator app, with backup codes, and it has no SMS routes either.
    noSms = true;
    const methods: MfaMethod[] = s.enabled ? ['totp', ...(s.backupCodesRemaining > 0 ? ['backup_code' as const] : [])] : [];
    return Object.freeze({ ...s, methods });
  });
  /** A write; `enabled` is what `user.mfaEnabled` became, when the write changed it. */
  const write = async <T>(path: string, body: unknown, enabled?: boolean): Promise<T> => {
    const out = await confirming(i, i.call<T>('POST', path, body));
    if (enabled !== undefined) setMfaEnabled(i, enabled);
    invalidate(client, 'mfa');
    return out;
  };
  /** A call to an SMS route (ext): a 404 means the server has none, and the kit stops offering it. */
  const smsWrite = (path: string, body: unknown, enabled?: boolean) => write(path, body, enabled).catch((error: unknown) => {
    if (JanuaError.is(error) && error.status === 404) noSms = true;
    throw error;
  });
  return {
    status,
    get smsAvailable() {
      return !noSms;
    },
    enable: async (password) => camel<MfaSetup>(await write<ApiMfaSetup>('/mfa/enable', { password })),
    confirm: async (code) => void (await write('/mfa/verify', { code }, true)),
    disable: async ({ password, code } = { password: '' }) => void (await write('/mfa/disable', { password, code }, false)),
    async regenerateBackupCodes(password) {
      const { backupCodes, generatedAt } = camel<{ backupCodes: string[]; generatedAt: string }>(
        await write<ApiBackupCodes>('/mfa/regenerate-backup-codes', { password }));
      return { backupCodes, generatedAt };
    },
    enableSms: async ({ password, phoneNumber }) => void (await smsWrite('/mfa/sms/enable', { password, phone_number: phoneNumber })),
    confirmSms: async (code) => void (await smsWrite('/mfa/sms/verify', { code }, true)),
  };
});

function setMfaEnabled(i: Internals, mfaEnabled: boolean): void {
  const user = i.get().user;
  if (user && user.mfaEnabled !== mfaEnabled) i.setUser(Object.freeze({ ...user, mfaEnabled }));
}
