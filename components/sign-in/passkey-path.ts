/*
 * The passkey path of the sign-in card, loaded on first use (autofill starts right after the
 * card renders, where the browser offers it; the button otherwise): passkey sign-in itself, and
 * through it the WebAuthn library in a chunk of its own. The card's first load carries neither.
 */
export { passkeySignIn } from '@janua/core';
