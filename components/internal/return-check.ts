/**
 * Whether the page's address may be the return of a social or SSO sign-in (the kit's marker,
 * an `error` parameter, or a second factor in the fragment). Cheap and synchronous, so the code
 * that reads a return (`auth-return.ts`) is loaded only when there may be one.
 */
export function looksLikeReturn(): boolean {
  if (typeof location === 'undefined') return false;
  return /[?&](janua_return|error)=/.test(location.search) || /(^#|&)mfa_token=/.test(location.hash);
}
