import { css, html, type TemplateResult } from 'lit';
import { PASSWORD_RULES } from '@janua/core';
import type { FormHost } from './form-controller.ts';
import { adoptLightStyles } from './styles.ts';
import { color, motionDuration } from './tokens.ts';

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

/** The meter's rules: adopted into the page by `strengthHint`, so a sign-in page never carries them. */
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
    background: ${color.surfaceMuted};
    border-radius: 999px;
    /*
     * Each fill colour reads against the muted track (3:1 and more in every theme), the outline
     * against the card; an outline leaves the meter's size as it was.
     */
    outline: 1px solid ${color.border};
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
  /*
   * Forced colours would paint the fill in the canvas colour, like the track: it keeps a system
   * colour instead (the attribute outweighs each strength's own colour above).
   */
  @media (forced-colors: active) {
    [data-strength] > .janua-meter > span {
      forced-color-adjust: none;
      background: CanvasText;
    }
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
