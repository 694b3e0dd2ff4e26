/**
 * English strings of `<janua-magic-link>`, the page a sign-in link opens, which sets
 * `static messages = enMagic`. Kept out of the core catalog so the first load of a sign-in page,
 * which only asks for a link, does not carry them. Keys start with `magicLink.`.
 */
export const enMagic = {
  'magicLink.title': 'Signing you in',
  'magicLink.verifying': 'Checking your sign-in link…',
  'magicLink.invalidTitle': 'This link no longer works',
  'magicLink.invalid': 'A sign-in link works once, for 15 minutes. This one was already used or has expired. Ask for a new one below.',
  'magicLink.missingTitle': 'Sign in with a link',
  'magicLink.missing': 'Open this page from the link in your sign-in email, or ask for a new link below.',
  'magicLink.request': 'Email me a new link',
  'magicLink.retry': 'Try again',
  'magicLink.confirm': 'This browser did not ask for this link. Continue only if you asked for it, here or on another device.',
  'magicLink.confirmSwitch': 'You are signed in as {name}. Continuing signs you in with the link’s account instead.',
} as const;
