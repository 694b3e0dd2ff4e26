/*
 * The part of @floating-ui/dom the popup uses. `PopupController` imports this module on first
 * open; a dynamic import of the package itself would keep every export of it in the bundle.
 */
export { autoUpdate, computePosition, flip, offset, shift } from '@floating-ui/dom';
