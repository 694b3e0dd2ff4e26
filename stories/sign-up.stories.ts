import { html } from 'lit';
import { expect, userEvent, waitFor } from 'storybook/test';
import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { en, enSignUp, format, PASSWORD_RULES, type JanuaClient } from '@janua/core';
import type { SignUpField } from '../components/sign-up/fields.ts';
import '../components/sign-up/define.ts';
import { manifestArgs } from './support/args.ts';
import { focusedDeep, queryDeep } from './support/dom.ts';
import { DEMO_LOGIN, withClient } from './support/janua.ts';
import { expectFieldError, expectFormError, expectPending, fill, input, submit, WAIT } from './support/play.ts';
import { buttonNamed } from './support/click.ts';
import { withMethods, type MethodsStory } from './support/methods.ts';
import { cameBackWith } from './support/return.ts';

type SignUpArgs = Record<string, unknown>;

/** A new account each run; the server is fresh per story, so the address is free. */
const NEW_ACCOUNT = {
  first_name: 'Grace',
  last_name: 'Hopper',
  email: 'grace@example.com',
  password: 'Compilers-since-1952',
};

const meta: Meta<SignUpArgs> = {
  title: 'Elements/Sign up',
  component: 'janua-sign-up',
  parameters: {
    docs: {
      description: {
        component: `Creates real accounts on the reference server inside this page (gone on reload).
**${DEMO_LOGIN.email}** is already taken.`,
      },
    },
  },
  args: { 'sign-in-url': '#sign-in' },
  loaders: [withClient()],
  render: (args, { loaded }) =>
    html`<janua-sign-up .client=${loaded['client'] as JanuaClient} ${manifestArgs(args)}></janua-sign-up>`,
};
export default meta;

type Story = StoryObj<SignUpArgs>;

export const Default: Story = {};

export const Pending: Story = {
  loaders: [withClient({ latency: { paths: /\/auth\/signup$/, ms: 600_000 } })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, NEW_ACCOUNT);
    await submit(canvasElement);
    await expectPending(canvasElement, /\/auth\/signup$/);
  },
};

/**
 * Too short for the password rules. Typed by hand, the browser's `minlength` check stops it with
 * the kit's message; typed by a script (as here) the browser lets it through and the server's 422
 * names the field. Either way the message sits under the password field.
 */
export const FieldError: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { ...NEW_ACCOUNT, password: 'short' });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'password', new RegExp(`at least ${PASSWORD_RULES.minLength} characters`));
  },
};

/** Well-formed but guessable: the server refuses it (400 WEAK_PASSWORD) and names the field. */
export const WeakPassword: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { ...NEW_ACCOUNT, password: 'password123' });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'password', 'too common');
  },
};

/** The seeded demo address is taken: the server's 400 EMAIL_TAKEN lands under the email field. */
export const ServerError: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { ...NEW_ACCOUNT, email: DEMO_LOGIN.email });
    await submit(canvasElement);
    // The server's own message for the field wins over the kit's generic one for the code.
    await expectFieldError(canvasElement, 'email', /already exists/);
  },
};

export const ServiceUnavailable: Story = {
  loaders: [withClient({ outage: /\/auth\/signup$/ })],
  play: async ({ canvasElement }) => {
    await fill(canvasElement, NEW_ACCOUNT);
    await submit(canvasElement);
    await expectFormError(canvasElement, en['error.SERVICE_UNAVAILABLE']);
  },
};

/** A real sign-up: the account is created and signed in, and the form leaves the page. */
export const SignedIn: Story = {
  play: async ({ canvasElement }) => {
    await fill(canvasElement, NEW_ACCOUNT);
    await submit(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signedIn.title']), WAIT);
    await expect(queryDeep(canvasElement, '[part="subtitle"]')).toHaveTextContent('Grace Hopper');
  },
};

export const DarkTheme: Story = { globals: { theme: 'dark' } };

export const DarkThemeFieldError: Story = { globals: { theme: 'dark' }, play: FieldError.play };

/*
 * Extra fields (`fields`, JSON in the attribute) and the `legal` slot. The attribute is written
 * into the template: it is the story's subject, not a control to clear.
 */
const EXTRA_FIELDS: SignUpField[] = [
  { name: 'company', label: { en: 'Company', fr: 'Entreprise' }, required: true, autocomplete: 'organization' },
  {
    name: 'role', type: 'select', label: { en: 'Role', fr: 'Rôle' }, required: true,
    options: [{ value: 'dev', label: { en: 'Developer', fr: 'Développeur ou développeuse' } }, { value: 'ops', label: 'Ops' }],
  },
  {
    name: 'team_code', label: { en: 'Team code', fr: 'Code d’équipe' }, pattern: '[A-Z]{3}-[0-9]{3}',
    hint: { en: 'Three capitals, a dash, three digits (ABC-123).', fr: 'Trois majuscules, un tiret, trois chiffres (ABC-123).' },
    invalidMessage: { en: 'A team code looks like ABC-123.', fr: 'Un code d’équipe s’écrit comme ABC-123.' },
  },
  { name: 'newsletter', type: 'checkbox', label: { en: 'Send me product news', fr: 'M’envoyer les nouveautés' } },
  { name: 'terms', type: 'checkbox', required: true, label: { en: 'I accept the terms of service', fr: 'J’accepte les conditions d’utilisation' } },
];

/** The page's own words in the `legal` slot, in the story's language. */
const legalText = (locale: unknown) => (locale === 'fr'
  ? html`<p slot="legal">En créant un compte, vous acceptez nos <a href="#terms">conditions d’utilisation</a> et notre
      <a href="#privacy">politique de confidentialité</a>.</p>`
  : html`<p slot="legal">By signing up you accept our <a href="#terms">terms of service</a> and
      <a href="#privacy">privacy policy</a>.</p>`);

const withExtras = (args: SignUpArgs, loaded: Record<string, unknown>) =>
  html`<janua-sign-up .client=${loaded['client'] as JanuaClient} fields=${JSON.stringify(EXTRA_FIELDS)} ${manifestArgs(args)}>
    ${legalText(args['locale'])}
  </janua-sign-up>`;

/** The labelled control of an extra field, once rendered. */
async function extra(root: HTMLElement, name: string): Promise<HTMLInputElement | HTMLSelectElement> {
  return waitFor(() => {
    const el = root.querySelector<HTMLInputElement | HTMLSelectElement>(`.janua-field-${name} :is(input, select)[name="${name}"]`);
    if (!el) throw new Error(`no extra field "${name}" yet`);
    return el;
  }, WAIT);
}

/**
 * A text field, a select and two checkboxes after the password (the company, the role and the
 * terms required, the team code checked against a pattern), and the terms and privacy links in
 * the `legal` slot under the form.
 */
export const ExtraFields: Story = {
  render: (args, { loaded }) => withExtras(args, loaded),
  play: async ({ canvasElement }) => {
    await expect(await extra(canvasElement, 'company')).toHaveAccessibleName('Company');
    await expect(await extra(canvasElement, 'company')).toBeRequired();
    const role = await extra(canvasElement, 'role');
    await expect(role).toHaveAccessibleName('Role');
    await expect([...(role as HTMLSelectElement).options].map((o) => o.text)).toEqual([en['field.choose'], 'Developer', 'Ops']);
    await expect(await extra(canvasElement, 'team_code')).toHaveAccessibleDescription('Three capitals, a dash, three digits (ABC-123).');
    await expect(await extra(canvasElement, 'newsletter')).toHaveAttribute('type', 'checkbox');
    await expect(await extra(canvasElement, 'newsletter')).not.toBeRequired();
    await expect(await extra(canvasElement, 'terms')).toHaveAccessibleName('I accept the terms of service');
    await expect(await extra(canvasElement, 'terms')).toBeRequired();
    const legal = queryDeep(canvasElement, '[part="legal"]');
    await waitFor(() => expect(legal.hidden).toBe(false), WAIT);
    await expect(canvasElement.querySelector('[slot="legal"] a[href="#terms"]')).toHaveTextContent('terms of service');
  },
};

/** Submitted with the required extras left empty, the terms unticked and a malformed team code: each says why under itself. */
export const ExtraFieldsInvalid: Story = {
  render: (args, { loaded }) => withExtras(args, loaded),
  play: async ({ canvasElement }) => {
    await fill(canvasElement, { ...NEW_ACCOUNT, team_code: 'abc' });
    await submit(canvasElement);
    await expectFieldError(canvasElement, 'company', en['field.required']);
    await expectFieldError(canvasElement, 'team_code', 'A team code looks like ABC-123.');
    await expectFieldError(canvasElement, 'terms', en['field.mustCheck']);
    const role = await extra(canvasElement, 'role');
    await waitFor(() => {
      expect(role).toHaveAttribute('aria-invalid', 'true');
      expect(role).toHaveAccessibleDescription(en['field.required']);
    }, WAIT);
    // Focus goes to the first field that needs the user.
    await waitFor(() => expect(document.activeElement).toBe(canvasElement.querySelector('input[name="company"]')), WAIT);
  },
};

/** Every extra filled in: the account is created, and what they hold reaches the server as its `metadata`. */
export const ExtraFieldsSignedIn: Story = {
  render: (args, { loaded }) => withExtras(args, loaded),
  play: async ({ canvasElement, loaded }) => {
    await fill(canvasElement, { ...NEW_ACCOUNT, company: 'Navy', team_code: 'COB-052' });
    await userEvent.selectOptions(await extra(canvasElement, 'role'), 'dev');
    await userEvent.click(await input(canvasElement, 'terms'));
    await submit(canvasElement);
    await waitFor(() => expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(en['signedIn.title']), WAIT);
    const client = loaded['client'] as JanuaClient;
    await expect(client.getSnapshot().user?.metadata).toEqual({ company: 'Navy', role: 'dev', team_code: 'COB-052', newsletter: false, terms: true });
  },
};

export const ExtraFieldsFrench: Story = {
  args: { locale: 'fr' },
  render: (args, { loaded }) => withExtras(args, loaded),
  play: async ({ canvasElement }) => {
    await expect(await extra(canvasElement, 'company')).toHaveAccessibleName('Entreprise');
    await expect(await extra(canvasElement, 'terms')).toHaveAccessibleName('J’accepte les conditions d’utilisation');
    await expect(canvasElement.querySelector('[slot="legal"] a[href="#terms"]')).toHaveTextContent('conditions d’utilisation');
  },
};

/** A server with GitHub and Google configured: one button per provider under the form, to sign up with it instead. */
export const SocialProviders: Story = {
  loaders: [withMethods({ providers: true })],
  render: (args, { loaded }) =>
    html`<janua-sign-up .client=${(loaded['methods'] as MethodsStory).client} ${manifestArgs(args)}></janua-sign-up>`,
  play: async ({ canvasElement }) => {
    await buttonNamed(canvasElement, format(en['social.continue'], { provider: 'GitHub' }));
    await buttonNamed(canvasElement, format(en['social.continue'], { provider: 'Google' }));
    await expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(enSignUp['signUp.title']);
    await expect(await input(canvasElement, 'email')).toBeVisible();
  },
};

/** `janua-signed-in` events heard since the story began (a return that signs in announces one). */
let signedInHeard = 0;

/**
 * Back from a social provider that created the account: the round trip opened a session (signed
 * in here before the story renders, as the page's restore would pick it up), and the card reads
 * the return (`?janua_return=social`): it announces the sign-in, focuses "You are signed in" and
 * cleans the address.
 */
export const SocialReturn: Story = {
  loaders: [withClient({ signedIn: true })],
  beforeEach: () => {
    signedInHeard = 0;
    const heard = () => void signedInHeard++;
    document.addEventListener('janua-signed-in', heard);
    const leave = cameBackWith({ janua_return: 'social' })();
    return () => {
      leave();
      document.removeEventListener('janua-signed-in', heard);
    };
  },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(signedInHeard).toBe(1), WAIT);
    const heading = queryDeep(canvasElement, '[part="heading"]');
    await expect(heading).toHaveTextContent(en['signedIn.title']);
    await waitFor(() => expect(focusedDeep()).toBe(heading), WAIT);
    await expect(new URL(location.href).searchParams.has('janua_return')).toBe(false);
    // Signed in some other way than this form: the form hides, keeping its nodes.
    const password = canvasElement.querySelector<HTMLInputElement>('input[name="password"]');
    await expect(password === null || !password.checkVisibility(), 'no password field to type into').toBe(true);
  },
};

/** Back from a social provider that refused (`?error=access_denied`): the sign-up card says so, and the address is cleaned. */
export const SocialReturnError: Story = {
  beforeEach: cameBackWith({ janua_return: 'social', error: 'access_denied' }),
  play: async ({ canvasElement }) => {
    await expectFormError(canvasElement, en['error.ACCESS_DENIED']);
    await expect(queryDeep(canvasElement, 'janua-alert[part="alert"]')).toHaveAttribute('variant', 'error');
    await expect(queryDeep(canvasElement, '[part="heading"]')).toHaveTextContent(enSignUp['signUp.title']);
    await expect(new URL(location.href).searchParams.has('error')).toBe(false);
  },
};
