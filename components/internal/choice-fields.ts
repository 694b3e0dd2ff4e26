import { css, html, nothing, type TemplateResult } from 'lit';
import type { CheckboxField, FormController, FormHost, SelectField } from './form-controller.ts';
import { adoptLightStyles } from './styles.ts';
import { color, focusRing } from './tokens.ts';

/*
 * The light-DOM fields a sign-in form never shows: a checkbox and a select (the new password's
 * strength hint is in `strength.ts`). Apart from `FormController` and the shared light styles, so
 * the first load of a sign-in page carries neither their templates nor their rules; each adopts
 * its own sheet into the page the first time it renders (after the shared sheet, so it wins where
 * both speak).
 */

export const choiceStyles = css`
  .janua-check {
    grid-template-columns: auto 1fr;
    align-items: start;
    column-gap: 0.5rem;
  }
  .janua-check .janua-checkbox {
    inline-size: 1.125rem;
    block-size: 1.125rem;
    margin: 0.125rem 0 0;
    accent-color: ${color.primary};
  }
  .janua-check .janua-checkbox:focus-visible {
    ${focusRing}
  }
  .janua-check .janua-label {
    font-weight: 400;
  }
  .janua-check .janua-hint,
  .janua-check .janua-field-error {
    grid-column: 2;
  }
  .janua-select {
    appearance: auto;
  }
`;

/** A checkbox with its label beside it (e.g. accepting terms); `required` means it must be ticked. */
export function checkboxField(host: FormHost, f: FormController, o: CheckboxField): TemplateResult {
  adoptLightStyles(host, choiceStyles);
  return html`<div class="janua-field janua-field-${o.name} janua-check">
    <input class="janua-checkbox" type="checkbox" id=${f.id(o.name)} name=${o.name} ?checked=${o.checked ?? false}
      ?required=${o.required ?? false} ?disabled=${o.disabled ?? false}
      aria-invalid=${f.errors[o.name] ? 'true' : nothing} aria-describedby=${f.describedBy(o)}
      @change=${f.clearIfValid}>
    ${f.label(o)}
    ${f.after(o)}
  </div>`;
}

/** A labelled native `<select>`. */
export function selectField(host: FormHost, f: FormController, o: SelectField): TemplateResult {
  adoptLightStyles(host, choiceStyles);
  return html`<div class="janua-field janua-field-${o.name}">
    ${f.label(o)}
    <select class="janua-input janua-select" id=${f.id(o.name)} name=${o.name} ?required=${o.required ?? false}
      ?disabled=${o.disabled ?? false} autocomplete=${o.autocomplete ?? nothing}
      aria-invalid=${f.errors[o.name] ? 'true' : nothing} aria-describedby=${f.describedBy(o)}
      @change=${f.clearIfValid}>
      ${o.required && !o.value ? html`<option value="" selected disabled>${host.l10n.t('field.choose')}</option>` : nothing}
      ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${opt.value === o.value}>${opt.label}</option>`)}
    </select>
    ${f.after(o)}
  </div>`;
}
