/*
 * <janua-button> renders a real <button> in light DOM (so it can submit the form around it); its
 * rules live with the other light-DOM rules in internal/light.styles.ts, adopted once per root.
 */
export { lightStyles as buttonStyles } from '../internal/light.styles.ts';
