import type { BrowserContext, Locator, Page, Response } from '@playwright/test';
import { API_URL, expect, expectNoAxeViolations, strongPassword, test, uniqueEmail } from './support.ts';

// Organizations as two people live them, in two browser contexts on plain HTML pages: an owner
// creates an organization and invites a second user, who signs up through the emailed link;
// roles show on the switcher and gate <janua-protect>, the server refuses what a role may not
// do, and switching changes the token's claims and the page without a reload.

const api = (path: string) => `${API_URL}/api/v1${path}`;
const switcher = (page: Page): Locator => page.locator('janua-org-switcher');
const trigger = (page: Page): Locator => switcher(page).locator('[part="trigger"]');
const adminOnly = (page: Page): Locator => page.locator('#admin-only');
const notAdmin = (page: Page): Locator => page.locator('#not-admin');

/** The claims of the access token a switch answered with. */
async function claimsOf(response: Response): Promise<Record<string, unknown>> {
  const { access_token: token } = (await response.json()) as { access_token: string };
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The same CSP and page-error watch the `test` fixture gives the default context, for a second one. */
async function watched(context: BrowserContext): Promise<{ problems: string[] }> {
  const problems: string[] = [];
  await context.exposeFunction('__januaReportCsp', (entry: string) => void problems.push(`CSP: ${entry}`));
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { __januaReportCsp: (s: string) => void }).__januaReportCsp;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI || '(inline)'}`);
    });
  });
  context.on('page', (page) => page.on('pageerror', (error) => problems.push(`page error: ${error.message}`)));
  return { problems };
}

async function expectRole(page: Page, name: string, role: string): Promise<void> {
  await expect(trigger(page).locator('[part="name"]')).toHaveText(name);
  await expect(trigger(page).locator('[part="role"]')).toHaveText(role);
}

test('an owner invites a second user; roles show on the switcher, gate <janua-protect> and the API; switching needs no reload', async ({ page: owner, browser, request }) => {
  // Two contexts, a dozen axe runs and real hashing on a shared two-core machine.
  test.setTimeout(300_000);
  const orgName = `Acme ${Math.random().toString(36).slice(2, 6)}`;
  const ownerUser = { first: 'Olga', email: uniqueEmail('owner'), password: strongPassword() };
  const invitee = { first: 'Mia', last: 'Member', email: uniqueEmail('invitee'), password: strongPassword() };
  const inviteeContext = await browser.newContext();
  const { problems } = await watched(inviteeContext);
  const member = await inviteeContext.newPage();
  let orgId = '';

  await test.step('the owner signs up; the switcher shows the personal workspace', async () => {
    await owner.goto('/orgs.html');
    const form = owner.locator('janua-sign-up form');
    await form.getByLabel('First name').fill(ownerUser.first);
    await form.getByLabel('Email address').fill(ownerUser.email);
    await form.getByLabel('Password', { exact: true }).fill(ownerUser.password);
    await form.getByRole('button', { name: 'Create account' }).click();
    await expect(trigger(owner)).toContainText('Personal workspace');
    await expect(owner.locator('#managers')).toBeHidden();
    await expectNoAxeViolations(owner, 'owner signed in, personal workspace');
  });

  await test.step('the owner creates an organization from the switcher; it becomes active, as owner', async () => {
    await trigger(owner).click();
    await expect(owner.getByRole('menu', { name: 'Switch workspace' })).toBeVisible();
    await expectNoAxeViolations(owner, 'switcher menu open');
    await owner.getByRole('menuitem', { name: 'Create organization' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Create organization' });
    await expect(dialog.getByLabel('Name')).toBeFocused();
    await dialog.getByLabel('Name').fill(orgName);
    await expect(dialog.getByLabel('Organization address')).toHaveValue(/^acme-[a-z0-9]+$/);
    await expectNoAxeViolations(owner, 'create dialog');
    const switched = owner.waitForResponse((r) => /\/organizations\/[^/]+\/switch$/.test(r.url()) && r.ok());
    await dialog.getByRole('button', { name: 'Create organization' }).click();
    const claims = await claimsOf(await switched);
    orgId = String(claims.org_id);
    expect(claims.org_role).toBe('owner');
    await expect(dialog).toBeHidden();
    await expectRole(owner, orgName, 'Owner');
    await expect(owner.locator('#managers')).toBeVisible();
    await expect(notAdmin(owner), 'an exact role: the owner is not an admin').toBeVisible();
    await expect(adminOnly(owner)).toBeHidden();
    await expectNoAxeViolations(owner, 'organization created');
  });

  await test.step('the owner invites the second user by email, as a member', async () => {
    await trigger(owner).click();
    await owner.getByRole('menuitem', { name: 'Manage organization' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Manage organization' });
    await dialog.getByRole('tab', { name: 'Invitations' }).click();
    await expect(dialog.getByRole('tab', { name: 'Invitations' })).toHaveAttribute('aria-selected', 'true');
    await dialog.getByLabel('Email address').fill(invitee.email);
    await dialog.getByLabel('Role').selectOption('member');
    await dialog.getByRole('button', { name: 'Send invitation' }).click();
    await expect(dialog.locator('.janua-invitation')).toContainText(invitee.email);
    await expectNoAxeViolations(owner, 'invitation pending');
    await owner.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  });

  await test.step('the invitee opens the emailed link, signs up through it and lands as a member', async () => {
    const outbox = (await (await request.get(api(`/dev/outbox?to=${encodeURIComponent(invitee.email)}`))).json()) as { link?: string }[];
    const link = new URL(outbox.filter((m) => m.link?.includes('/accept-invitation')).at(-1)!.link!);
    // The reference server links to {frontendUrl}/accept-invitation; this site serves that page as a file.
    await member.goto(`/accept-invitation.html${link.search}`);
    const form = member.locator('janua-accept-invitation janua-sign-up');
    await expect(form.getByRole('heading', { name: `Join ${orgName}` })).toBeVisible();
    await expect(form).toContainText(`${invitee.email} is invited as a member.`);
    await expectNoAxeViolations(member, 'invitation, signed out');
    await form.getByLabel('First name').fill(invitee.first);
    await form.getByLabel('Last name').fill(invitee.last);
    await form.getByLabel('Email address').fill(invitee.email);
    await form.getByLabel('Password', { exact: true }).fill(invitee.password);
    await form.getByRole('button', { name: 'Create account' }).click();
    await expect(member.locator('janua-accept-invitation').getByRole('heading', { name: `You joined ${orgName}` })).toBeVisible();
    await expectRole(member, orgName, 'Member');
    await expect(notAdmin(member)).toBeVisible();
    await expect(adminOnly(member)).toBeHidden();
    await expectNoAxeViolations(member, 'joined as a member');
  });

  await test.step("a member's direct API call to invite is refused (403): the UI hid it, the server refuses it", async () => {
    // Its own request context: a sign-in from the invitee's browser would replace the page's session cookie.
    const signIn = await request.post(api('/auth/signin'), { data: { email: invitee.email, password: invitee.password } });
    const { tokens } = (await signIn.json()) as { tokens: { access_token: string } };
    const refused = await request.post(api('/invitations/'), {
      headers: { Authorization: `Bearer ${tokens.access_token}` },
      data: { organization_id: orgId, email: uniqueEmail('sneaky'), role: 'member' },
    });
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('FORBIDDEN');
  });

  await test.step('the owner makes them admin', async () => {
    await trigger(owner).click();
    await owner.getByRole('menuitem', { name: 'Manage organization' }).click();
    const dialog = owner.getByRole('dialog', { name: 'Manage organization' });
    await dialog.getByRole('tab', { name: 'Members' }).click();
    await dialog.getByLabel(`Role of ${invitee.first} ${invitee.last}`).selectOption('admin');
    await expect(dialog.locator('janua-org-profile').locator('[part="alert"]')).toContainText(`${invitee.first} ${invitee.last} is now an admin.`);
    await expectNoAxeViolations(owner, 'member made admin');
    await owner.keyboard.press('Escape');
    await expectRole(owner, orgName, 'Owner');
  });

  await test.step("the invitee's switcher shows Admin and the admin content appears, without a reload", async () => {
    await member.evaluate(() => document.documentElement.setAttribute('data-e2e-no-reload', ''));
    // Opening the switcher reads the list afresh; the new role brings a fresh token.
    await trigger(member).click();
    await expectRole(member, orgName, 'Admin');
    await member.keyboard.press('Escape');
    await expect(trigger(member)).toBeFocused();
    await expect(adminOnly(member)).toBeVisible();
    await expect(notAdmin(member)).toBeHidden();
    await expectNoAxeViolations(member, 'admin');
  });

  await test.step('switching changes the org_id claim and the protected content, without a reload', async () => {
    const toPersonal = member.waitForResponse((r) => r.url().endsWith('/organizations/personal/switch') && r.ok());
    await trigger(member).click();
    await member.getByRole('menuitemradio', { name: 'Personal workspace' }).click();
    const personal = await claimsOf(await toPersonal);
    expect(personal.org_id).toBeUndefined();
    await expect(trigger(member)).toContainText('Personal workspace');
    await expect(adminOnly(member)).toBeHidden();
    await expect(notAdmin(member)).toBeVisible();
    await expectNoAxeViolations(member, 'personal workspace');

    const toOrg = member.waitForResponse((r) => r.url().endsWith(`/organizations/${orgId}/switch`) && r.ok());
    await trigger(member).focus();
    await member.keyboard.press('ArrowDown');
    await expect(member.getByRole('menuitemradio', { name: 'Personal workspace' })).toBeFocused();
    await member.keyboard.press('ArrowDown');
    await member.keyboard.press('Enter');
    const back = await claimsOf(await toOrg);
    expect(back).toMatchObject({ org_id: orgId, org_role: 'admin' });
    await expectRole(member, orgName, 'Admin');
    await expect(adminOnly(member)).toBeVisible();
    await expect(member.locator('html[data-e2e-no-reload]')).toHaveCount(1);
    await expectNoAxeViolations(member, 'back in the organization');
  });

  await inviteeContext.close();
  expect(problems, 'CSP violations and page errors in the invitee context').toEqual([]);
});
