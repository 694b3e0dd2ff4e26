import { PASSWORD_RULES } from '@janua/core';

export type Strength = 'empty' | 'weak' | 'fair' | 'good' | 'strong';

/**
 * A quick, local estimate for the live hint: length counts most, variety helps, and repeats or
 * a single character class hold it back. The server's rules stay the only gate.
 */
export function passwordStrength(password: string): Strength {
  if (!password) return 'empty';
  if (password.length < PASSWORD_RULES.minLength) return 'weak';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^\w\s]|_|\s/].filter((re) => re.test(password)).length;
  const unique = new Set(password).size;
  let score = Math.min(3, Math.floor(password.length / 4) - 1) + classes - 1;
  if (unique < password.length / 2) score -= 1;
  if (score <= 1) return 'weak';
  if (score === 2 || score === 3) return 'fair';
  if (score === 4) return 'good';
  return 'strong';
}
