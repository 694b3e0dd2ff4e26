import { css, html, nothing, type TemplateResult } from 'lit';
import type { CheckboxField, FormController, FormHost, SelectField } from './form-controller.ts';
import type { Strength } from './strength.ts';
import { adoptLightStyles } from './styles.ts';
import { color, motionDuration } from './tokens.ts';

/*
 * The light-DOM fields a sign-in form never shows: a checkbox, a select and the password-strength
 * hint. Apart from `FormController` and the shared light styles, so the first load of a sign-in
 * page carries neither their templates nor their rules; each adopts its own sheet into the page
 * the first time it renders (after the shared sheet, so it wins where both speak).
 */

const strengthStyles = css`
  .janua-strength {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    margin-block-start: 0.25rem;
  }
  .janua-meter {
    flex: none;
    inline-size: 5rem;
    block-size: 0.375rem;
    overflow: hidden;
    background: ${color.border};
    border-radius: 999px;
  }
  .janua-meter > span {
    display: block;
    inline-size: 0;
    block-size: 100%;
    background: ${color.danger};
    transition: inline-size ${motionDuration} ease;
  }
  [data-strength='weak'] > .janua-meter > span {
    inline-size: 25%;
  }
  [data-strength='fair'] > .janua-meter > span {
    inline-size: 50%;
    background: ${color.text};
  }
  [data-strength='good'] > .janua-meter > span {
    inline-size: 75%;
    background: ${color.success};
  }
  [data-strength='strong'] > .janua-meter > span {
    inline-size: 100%;
    background: ${color.success};
  }
  @media (prefers-reduced-motion: reduce) {
    .janua-meter > span {
      transition: none;
    }
  }
  @media (forced-colors: active) {
    .janua-meter {
      border: 1px solid CanvasText;
    }
    .janua-meter > span {
      background: CanvasText;
    }
  }
`;

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

/**
 * The live strength hint under a new password: the meter is drawn for the eye, its words are what
 * a screen reader hears.
 */
export function strengthHint(host: FormHost, strength: Strength): TemplateResult {
  adoptLightStyles(host, strengthStyles);
  return html`<span class="janua-strength" data-strength=${strength}><span class="janua-meter" aria-hidden="true"><span></span></span><span
    aria-live="polite">${host.l10n.t(`strength.${strength}`)}</span></span>`;
}

/** A checkbox with its label beside it (e.g. accepting terms); `required` means it must be ticked. */
export function checkboxField(host: FormHost, f: FormController, o: CheckboxField): TemplateResult {
  adoptLightStyles(host, choiceStyles);
  return html`<div class="janua-field janua-field-${o.name} janua-check">
    <input class="janua-checkbox" type="checkbox" id=${f.id(o.name)} name=${o.name} ?checked=${o.checked ?? false}
      ?required=${o.required ?? false} ?disabled=${o.disabled ?? false}
      aria-invalid=${f.errors[o.name] ? 'true' : nothing} aria-describedby=${f.describedBy(o.name, o.hint)}
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
      aria-invalid=${f.errors[o.name] ? 'true' : nothing} aria-describedby=${f.describedBy(o.name, o.hint)}
      @change=${f.clearIfValid}>
      ${o.required && !o.value ? html`<option value="" selected disabled>${host.l10n.t('field.choose')}</option>` : nothing}
      ${o.options.map((opt) => html`<option value=${opt.value} ?selected=${opt.value === o.value}>${opt.label}</option>`)}
    </select>
    ${f.after(o)}
  </div>`;
}
