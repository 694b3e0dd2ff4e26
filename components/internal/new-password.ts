import { html, type TemplateResult } from 'lit';
import { PASSWORD_RULES } from '@janua/core';
import type { FormController, FormHost } from './form-controller.ts';
import { passwordStrength, strengthHint, type Strength } from './strength.ts';

/**
 * A new-password field with the server's rules and the live strength hint, as on sign-up. `state.strength` is kept
 * by the caller (the host re-renders on input).
 */
export function newPasswordField(host: FormHost, f: FormController, state: { strength: Strength }, name = 'new_password',
  label = host.l10n.t('account.new')): TemplateResult {
  const t = host.l10n.t.bind(host.l10n);
  return f.input({
    name, type: 'password', label, autocomplete: 'new-password', required: true,
    minlength: PASSWORD_RULES.minLength, maxlength: PASSWORD_RULES.maxLength,
    hint: html`${t('field.passwordRules', { min: PASSWORD_RULES.minLength, max: PASSWORD_RULES.maxLength })}${host.l10n.space}${strengthHint(host, state.strength)}`,
    onInput: (e) => {
      state.strength = passwordStrength((e.target as HTMLInputElement).value);
      host.requestUpdate();
    },
  });
}
