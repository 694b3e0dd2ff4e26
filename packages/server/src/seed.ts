import type { AppContext } from './context.ts';
import { DEMO_MFA, seedDemoMfa } from './mfa/seed.ts';
import { seedDemoOrganizations } from './orgs/seed.ts';
import { uuid } from './util.ts';

export interface DemoAccount {
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  username: string;
}

/** The login printed by `janua-server --seed` and shown on the demo site. */
export const DEMO_LOGIN = { email: 'demo@janua.dev', password: 'Demo-password-2026' } as const;

export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { ...DEMO_LOGIN, first_name: 'Demo', last_name: 'User', username: 'demo' },
  { email: 'ada@janua.dev', password: 'Ada-password-2026', first_name: 'Ada', last_name: 'Lovelace', username: 'ada' },
  { email: DEMO_MFA.email, password: DEMO_MFA.password, first_name: 'Grace', last_name: 'Hopper', username: 'grace' },
];

/**
 * Creates the demo accounts (and then the demo organizations) that do not exist yet; running it
 * twice changes nothing. Answers the emails of the accounts it created.
 */
export async function seedDemo(ctx: AppContext): Promise<{ created: string[] }> {
  const created: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    if (ctx.users.findOne({ email: account.email })) continue;
    const hash = await ctx.hasher.hash(account.password);
    const now = ctx.now();
    const inserted = ctx.store.transaction(() => {
      // Checked again inside the transaction: another process may have seeded meanwhile.
      if (ctx.users.findOne({ email: account.email })) return false;
      ctx.users.insert({
        id: uuid(),
        email: account.email,
        email_verified: true,
        username: account.username,
        first_name: account.first_name,
        last_name: account.last_name,
        profile_image_url: null,
        locale: 'en',
        mfa_enabled: false,
        password_hash: hash,
        metadata: { demo: true },
        created_at: now,
        updated_at: now,
        last_sign_in_at: null,
      });
      return true;
    });
    if (inserted) created.push(account.email);
  }
  // The organizations and the MFA account's factors need the accounts above; both are
  // idempotent in the same way.
  seedDemoOrganizations(ctx);
  await seedDemoMfa(ctx);
  return { created };
}
