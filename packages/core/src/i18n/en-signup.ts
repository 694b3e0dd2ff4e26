/**
 * English strings of `<janua-sign-up>`, which sets `static messages = { ...enPassword, ...enSignUp }`.
 * Kept out of the core catalog so the first load of a sign-in page does not carry them. Keys
 * start with `signUp.` (and its password field's label).
 */
export const enSignUp = {
  'field.newPassword': 'Password',
  'signUp.title': 'Create your account',
  'signUp.titleApp': 'Create your {app} account',
  'signUp.subtitle': 'It takes less than a minute.',
  'signUp.submit': 'Create account',
  'signUp.pending': 'Creating account…',
  'signUp.haveAccount': 'Already have an account?',
  'signUp.signInLink': 'Sign in',
} as const;
