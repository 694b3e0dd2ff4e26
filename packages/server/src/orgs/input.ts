import type { ApiValidationError } from '../../../core/src/api-types.ts';
import { validationError } from '../http/errors.ts';
import { validate, type Schema } from '../http/validate.ts';
import { ORG_ROLES, isOrgRole, type OrgRole } from './tables.ts';

/** API.md's slug rule: what fits in a DNS label, lower case only, so it needs no case folding. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * `validate` for the string and boolean rules, then the checks it has no rule for (slug,
 * role, URL, integers), all reported together in one 422.
 */
export function validateWith<T>(body: unknown, schema: Schema, extra: (input: Record<string, unknown>, fail: Fail) => void): T {
  const errors: ApiValidationError[] = [];
  let out: Record<string, unknown> = {};
  try {
    out = validate<Record<string, unknown>>(body, schema);
  } catch (error) {
    const list = (error as { details?: { validation_errors?: ApiValidationError[] } }).details?.validation_errors;
    if (!list) throw error;
    errors.push(...list);
    // The body was not an object: there are no fields left to check.
    if (list.some((e) => e.field === 'body')) throw error;
  }
  const input = body as Record<string, unknown>;
  const failed = new Set(errors.map((e) => e.field));
  const fail: Fail = (field, message, type) => {
    if (!failed.has(field)) errors.push({ field, message, type });
    failed.add(field);
  };
  extra({ ...input, ...out }, fail);
  if (errors.length) throw validationError(errors);
  return out as T;
}

export type Fail = (field: string, message: string, type: string) => void;

export function checkSlug(value: unknown, fail: Fail): void {
  if (typeof value === 'string' && !SLUG.test(value)) {
    fail('slug', 'Slug may contain lower-case letters, digits and inner hyphens (at most 63 characters)', 'format');
  }
}

export function checkRole(value: unknown, fail: Fail): value is OrgRole {
  if (value === undefined) return false;
  if (!isOrgRole(value)) {
    fail('role', `Role must be one of ${ORG_ROLES.join(', ')}`, 'enum');
    return false;
  }
  return true;
}

export function checkUrl(field: string, value: unknown, fail: Fail): void {
  if (typeof value !== 'string') return;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    // Reported below.
  }
  // Only web URLs: a `javascript:` logo link would run in whichever page shows it.
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    fail(field, `${field === 'logo_url' ? 'Logo URL' : field} must be an absolute http(s) URL`, 'format');
  }
}

/** A positive whole number in [min, max], from JSON (number) or a query string (digits). */
export function readInteger(
  field: string,
  raw: unknown,
  range: { min: number; max: number },
  fail: Fail,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    fail(field, `${label(field)} must be a whole number`, 'type');
    return undefined;
  }
  if (value < range.min || value > range.max) {
    fail(field, `${label(field)} must be between ${range.min} and ${range.max}`, 'range');
    return undefined;
  }
  return value;
}

function label(field: string): string {
  const words = field.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** `?page=&per_page=` of list endpoints: page from 1, at most 100 per page, 20 by default. */
export function readPage(query: (name: string) => string | undefined): { page: number; perPage: number } {
  const errors: ApiValidationError[] = [];
  const fail: Fail = (field, message, type) => errors.push({ field, message, type });
  // `?page=` with nothing after it means the default, as a form with an empty field sends it.
  const read = (name: string) => query(name) || undefined;
  const page = readInteger('page', read('page'), { min: 1, max: 1_000_000 }, fail) ?? 1;
  const perPage = readInteger('per_page', read('per_page'), { min: 1, max: 100 }, fail) ?? 20;
  if (errors.length) throw validationError(errors);
  return { page, perPage };
}
