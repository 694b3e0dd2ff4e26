import type { ApiValidationError } from '../../../core/src/api-types.ts';
import { isWellFormed } from '../auth/password.ts';
import { validationError } from './errors.ts';

/**
 * A deliberately small validator: the API's bodies are flat, and a hand-written one keeps the
 * browser bundle small and the messages ours. Unknown fields are ignored, so older servers
 * accept newer clients.
 */
export type FieldRule =
  | {
      type: 'string';
      required?: boolean;
      nullable?: boolean;
      min?: number;
      max?: number;
      format?: Format;
      /** Default true; passwords set it false, since their spaces are part of the secret. */
      trim?: boolean;
    }
  | { type: 'boolean'; required?: boolean }
  | { type: 'object'; required?: boolean; nullable?: boolean; maxBytes?: number; maxDepth?: number };

export type Schema = Record<string, FieldRule>;
type Format = 'email' | 'username' | 'locale' | 'url';

// Dots anywhere in the local part: RFC 5322's dot-atom forbids a dot first, last or twice in a
// row, but some older carriers' addresses (docomo, ezweb) have them, and they receive mail.
const EMAIL = /^[^\s@"<>()[\]\\,;:]+@(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$/;
const USERNAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9._-]*[a-zA-Z0-9])?$/;
// C0 controls and DEL: never meaningful in a name, email or tag, and a hazard in mail headers and logs.
const CONTROL = /[\u0000-\u001f\u007f]/;

const FORMAT_MESSAGES: Record<Format, string> = {
  email: 'must be a valid email address',
  username: 'may contain letters, digits, ".", "_" and "-", and must start and end with a letter or digit',
  locale: 'must be a BCP 47 language tag such as "en" or "pt-BR"',
  url: 'must be an absolute http(s) URL',
};

// Invisible characters (format characters such as the zero-width space, soft hyphen and bidi
// controls; the combining grapheme joiner, the Hangul fillers, variation selectors): an address
// holding one displays exactly like another account's. Names keep them (ZWNJ is Persian spelling).
const INVISIBLE = /[\p{Cf}\u034f\u115f\u1160\u3164\uffa0\ufe00-\ufe0f]/u;

/** An address, in one form only: `e` + a combining accent (NFD) would be a second `é`. */
export function isEmail(value: string): boolean {
  return value.length <= 254 && EMAIL.test(value) && value.split('@')[0]!.length <= 64 && !INVISIBLE.test(value)
    && value.normalize('NFC') === value;
}

function label(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Returns the declared fields of `body` (strings trimmed), or throws a 422 listing every problem. */
export function validate<T>(body: unknown, schema: Schema): T {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw validationError([{ field: 'body', message: 'The body must be a JSON object', type: 'type' }]);
  }
  const input = body as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const errors: ApiValidationError[] = [];
  const fail = (field: string, message: string, type: string) =>
    errors.push({ field, message: `${label(field)} ${message}`, type });

  for (const [field, rule] of Object.entries(schema)) {
    let value = Object.prototype.hasOwnProperty.call(input, field) ? input[field] : undefined;
    if (rule.type === 'string' && typeof value === 'string' && rule.trim !== false) value = value.trim();
    if (value === undefined || (rule.type === 'string' && value === '' && rule.required)) {
      if (rule.required) fail(field, 'is required', 'required');
      continue;
    }
    if (value === null) {
      if ('nullable' in rule && rule.nullable) out[field] = null;
      else fail(field, rule.required ? 'is required' : 'cannot be null', rule.required ? 'required' : 'type');
      continue;
    }
    if (rule.type === 'boolean') {
      if (typeof value !== 'boolean') fail(field, 'must be true or false', 'type');
      else out[field] = value;
      continue;
    }
    if (rule.type === 'object') {
      if (typeof value !== 'object' || Array.isArray(value)) {
        fail(field, 'must be an object', 'type');
        continue;
      }
      // Depth first, without recursion: a 30,000-deep array fits in 64 KiB and would overflow the stack later.
      if (depthExceeds(value, rule.maxDepth ?? 10)) {
        fail(field, `must nest at most ${rule.maxDepth ?? 10} levels deep`, 'max_depth');
        continue;
      }
      if (rule.maxBytes !== undefined && JSON.stringify(value).length > rule.maxBytes) {
        fail(field, `must be at most ${rule.maxBytes} bytes of JSON`, 'max_length');
        continue;
      }
      out[field] = value;
      continue;
    }
    if (typeof value !== 'string') {
      fail(field, 'must be a string', 'type');
      continue;
    }
    const length = [...value].length;
    // Passwords (trim: false) are secrets: any character the user can type is theirs to use.
    // An unpaired surrogate is not a character: every encoder turns it into U+FFFD, so two
    // different inputs would store (or hash) alike.
    if (!isWellFormed(value)) {
      fail(field, 'must be valid Unicode text (it has an unpaired surrogate)', 'format');
    } else if (rule.trim !== false && CONTROL.test(value)) {
      fail(field, 'must not contain control characters', 'format');
    } else if (rule.min !== undefined && length < rule.min) {
      fail(field, `must be at least ${rule.min} characters`, 'min_length');
    } else if (rule.max !== undefined && length > rule.max) {
      fail(field, `must be at most ${rule.max} characters`, 'max_length');
    } else if (rule.format && !checkFormat(rule.format, value)) {
      fail(field, FORMAT_MESSAGES[rule.format], 'format');
    } else {
      out[field] = value;
    }
  }
  if (errors.length) throw validationError(errors);
  return out as T;
}

function depthExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (depth > limit) return true;
    for (const child of Object.values(node)) stack.push([child, depth + 1]);
  }
  return false;
}

function checkFormat(format: Format, value: string): boolean {
  if (format === 'email') return isEmail(value);
  if (format === 'username') return USERNAME.test(value);
  // Only web addresses: a `javascript:` picture link would run in whichever page shows it.
  if (format === 'url') return isWebUrl(value);
  return isLanguageTag(value);
}

function isWebUrl(value: string): boolean {
  try {
    return /^https?:$/.test(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** Any well-formed BCP 47 tag, extensions included (`en-US-u-hc-h23`), as browsers send them. */
function isLanguageTag(value: string): boolean {
  try {
    return Intl.getCanonicalLocales(value).length === 1;
  } catch {
    return false;
  }
}
