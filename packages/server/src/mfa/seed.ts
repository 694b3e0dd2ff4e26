import type { AppContext } from '../context.ts';
import { sha256 } from '../util.ts';
import { mfaService, normalizeCode } from './service.ts';

/**
 * A demo account's second factor, published on purpose: the demo site and Storybook show the
 * MFA step with it, and anyone can add the secret to an authenticator app (or compute the
 * code) to get past it. Only `--seed` uses it; never on an account that matters.
 */
export const DEMO_MFA = {
  email: 'mfa@janua.dev',
  password: 'Mfa-password-2026',
  totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  phoneNumber: '+15555550100',
  backupCodes: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'].map((c) => `demo-code-${c.repeat(4)}`),
} as const;

/**
 * Turns TOTP (with the published secret), SMS and the published backup codes on for the demo
 * MFA account, if it exists and has no factor yet; running it twice changes nothing. The
 * account itself is made by `seedDemo` with the other demo accounts.
 */
export async function seedDemoMfa(ctx: AppContext, email: string = DEMO_MFA.email): Promise<boolean> {
  const user = ctx.users.findOne({ email });
  const mfa = mfaService(ctx);
  if (!user || mfa.of(user.id)) return false;
  const hashes = await Promise.all(DEMO_MFA.backupCodes.map((code) => sha256(normalizeCode(code))));
  return ctx.store.transaction(() => {
    if (mfa.of(user.id)) return false;
    const row = mfa.ensure(user.id);
    const now = ctx.now();
    mfa.settings.update(row.id, {
      totp_secret: DEMO_MFA.totpSecret,
      totp_verified: true,
      phone_number: DEMO_MFA.phoneNumber,
      sms_verified: true,
      updated_at: now,
    });
    mfa.replaceBackupCodes(user.id, hashes);
    ctx.users.update(user.id, { mfa_enabled: true, updated_at: now });
    return true;
  });
}
