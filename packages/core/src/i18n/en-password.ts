/**
 * English strings of a new password (sign-up, reset password, change password): its rules, the
 * live strength hint, and the server's verdicts on a weak one. Kept out of the core catalog so
 * the first load of a sign-in page, which never asks for a new password, does not carry them:
 * those elements add `enPassword` to their `static messages`.
 */
export const enPassword = {
  'field.passwordRules': 'Use {min} to {max} characters.',
  'validation.password_breached': 'This password is too common: it has appeared in data breaches. Choose another one.',
  'validation.password_common': 'This password is too common. Choose one that is harder to guess.',
  'validation.password_weak': 'This password is easy to guess. Try a few unrelated words, or make it longer.',
  'validation.password_contains_email': 'Don’t build your password on your email address.',
  'validation.password_contains_username': 'Don’t build your password on your username.',
  'strength.empty': 'Password strength appears as you type.',
  'strength.weak': 'Password strength: weak.',
  'strength.fair': 'Password strength: fair.',
  'strength.good': 'Password strength: good.',
  'strength.strong': 'Password strength: strong.',
} as const;
