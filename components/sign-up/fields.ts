import type { TemplateResult } from 'lit';
import { checkboxField, selectField } from '../internal/choice-fields.ts';
import type { FormController, FormHost } from '../internal/form-controller.ts';

/** Text in one language, or per language (`{en: 'Company', fr: 'Entreprise'}`). */
export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * An extra sign-up field, declared by the page (`fields` attribute as JSON, or the property).
 * Its value reaches the server in the account's `metadata` under `name`: text and select as a
 * string, a checkbox as true or false.
 */
export interface SignUpField {
  /** The metadata key: a letter, then letters, digits, `_` or `-` (at most 64). */
  name: string;
  type?: 'text' | 'email' | 'tel' | 'url' | 'select' | 'checkbox';
  label: LocalizedText;
  hint?: LocalizedText;
  required?: boolean;
  /** For `select`: the choices, in order. */
  options?: readonly { value: string; label: LocalizedText }[];
  /** For text types: native constraint validation. */
  pattern?: string;
  minlength?: number;
  maxlength?: number;
  /** Shown when the value does not match `pattern`. */
  invalidMessage?: LocalizedText;
  autocomplete?: string;
  /** Starting value (text, select) or state (checkbox). */
  value?: string;
  checked?: boolean;
}

/** Names the form itself uses, and what the server reads outside `metadata`. */
const RESERVED = new Set(['email', 'password', 'first_name', 'last_name', 'username', 'locale', 'metadata']);
const NAME = /^[A-Za-z][\w-]{0,63}$/;
const warned = new Set<string>();

/** The fields that can be used; the others are left out, with one console warning each. */
export function usableFields(fields: unknown): SignUpField[] {
  if (!Array.isArray(fields)) return [];
  return fields.filter((f): f is SignUpField => {
    const ok = typeof f?.name === 'string' && NAME.test(f.name) && !RESERVED.has(f.name) && f.label !== undefined;
    if (!ok && !warned.has(JSON.stringify(f))) {
      warned.add(JSON.stringify(f));
      console.warn('[janua] <janua-sign-up>: an extra field needs a `name` (a letter, then letters, digits, _ or -) that the form does not use itself, and a `label`; left out:', f);
    }
    return ok;
  });
}

/** The text for `lang` (`fr-ca` → `fr-ca`, `fr`, then `en`, then the first there is). */
export function localized(text: LocalizedText | undefined, lang: string): string | undefined {
  if (text === undefined || typeof text === 'string') return text;
  const base = lang.split('-')[0] ?? lang;
  return text[lang] ?? text[base] ?? text['en'] ?? Object.values(text)[0];
}

export function renderField(host: FormHost, f: FormController, field: SignUpField, lang: string): TemplateResult {
  const label = localized(field.label, lang) ?? field.name;
  const hint = localized(field.hint, lang);
  const base = { name: field.name, label, ...(hint ? { hint } : {}), required: field.required ?? false, optional: !field.required };
  if (field.type === 'checkbox') return checkboxField(host, f, { ...base, optional: false, checked: field.checked ?? false });
  if (field.type === 'select') {
    const options = (field.options ?? []).map((o) => ({ value: String(o.value), label: localized(o.label, lang) ?? String(o.value) }));
    return selectField(host, f, { ...base, options, ...(field.value !== undefined ? { value: field.value } : {}),
      ...(field.autocomplete ? { autocomplete: field.autocomplete } : {}) });
  }
  const invalid = localized(field.invalidMessage, lang);
  return f.input({
    ...base, type: field.type ?? 'text', autocomplete: field.autocomplete ?? 'off',
    ...(field.value !== undefined ? { value: field.value } : {}),
    ...(field.pattern ? { pattern: field.pattern } : {}),
    ...(field.minlength !== undefined ? { minlength: field.minlength } : {}),
    ...(field.maxlength !== undefined ? { maxlength: field.maxlength } : {}),
    ...(invalid ? { invalidMessage: invalid } : {}),
  });
}

/** The extra fields' values as `metadata`: trimmed strings (empty optional ones left out), checkboxes as booleans. */
export function metadataOf(fields: readonly SignUpField[], values: Record<string, string>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.type === 'checkbox') out[field.name] = field.name in values;
    else {
      const value = (values[field.name] ?? '').trim();
      if (value) out[field.name] = value;
    }
  }
  return Object.keys(out).length ? out : undefined;
}

/** Lit's converter for the `fields` attribute: JSON, and anything unreadable is no fields. */
export const fieldsConverter = {
  fromAttribute(value: string | null): SignUpField[] {
    if (!value) return [];
    try {
      return JSON.parse(value) as SignUpField[];
    } catch {
      console.warn('[janua] <janua-sign-up>: the fields attribute is not valid JSON; no extra fields shown.');
      return [];
    }
  },
};
