import type { AppContext } from '../context.ts';
import { uuid } from '../util.ts';
import { organizationService } from './service.ts';
import type { OrgRole } from './tables.ts';

interface DemoOrganization {
  name: string;
  slug: string;
  description: string;
  members: readonly { email: string; role: OrgRole }[];
}

/**
 * Two organizations in which the demo accounts hold different roles, so an organization
 * switcher has something to switch between and a member list shows more than one person.
 */
export const DEMO_ORGANIZATIONS: readonly DemoOrganization[] = [
  {
    name: 'Janua Demo',
    slug: 'janua-demo',
    description: 'The demo account owns this one.',
    members: [
      { email: 'demo@janua.dev', role: 'owner' },
      { email: 'ada@janua.dev', role: 'admin' },
    ],
  },
  {
    name: 'Analytical Engines',
    slug: 'analytical-engines',
    description: 'Ada owns this one; the demo account is a member.',
    members: [
      { email: 'ada@janua.dev', role: 'owner' },
      { email: 'demo@janua.dev', role: 'member' },
    ],
  },
];

/**
 * Creates the demo organizations whose slug is free and whose members exist (run after the
 * demo accounts are seeded). Running it twice changes nothing.
 */
export function seedDemoOrganizations(ctx: AppContext): { created: string[] } {
  const orgs = organizationService(ctx);
  const created: string[] = [];
  for (const demo of DEMO_ORGANIZATIONS) {
    const users = demo.members.map((m) => ({ user: ctx.users.findOne({ email: m.email }), role: m.role }));
    if (users.some((u) => !u.user)) continue;
    const inserted = ctx.store.transaction(() => {
      if (orgs.organizations.findOne({ slug: demo.slug })) return false;
      const now = ctx.now();
      const org = orgs.organizations.insert({
        id: uuid(),
        name: demo.name,
        slug: demo.slug,
        description: demo.description,
        logo_url: null,
        created_at: now,
        updated_at: now,
      });
      for (const { user, role } of users) {
        orgs.members.insert({ id: uuid(), organization_id: org.id, user_id: user!.id, role, created_at: now, updated_at: now });
      }
      return true;
    });
    if (inserted) created.push(demo.slug);
  }
  return { created };
}
