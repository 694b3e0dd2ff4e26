// Moved to components/internal/strength.ts, shared with the reset and change-password forms.
export { passwordStrength, type Strength } from '../internal/strength.ts';
