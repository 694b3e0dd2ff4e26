/**
 * The page's address when it may be the return of a social or SSO sign-in (the kit's marker, an
 * `error` parameter, or a second factor in the fragment), else null. Cheap and synchronous, so the
 * code that reads a return (`auth-return.ts`) is loaded only when there may be one. A second
 * factor's token leaves the address bar here, at once: not after that code has arrived and the
 * session has been restored, a round trip or two during which the history kept it.
 */
export function returnAddress(): string | null {
  if (typeof location === 'undefined') return null;
  const href = location.href;
  if (/(^#|&)mfa_token=/.test(location.hash)) history.replaceState(history.state, '', href.replace(/#.*/, ''));
  else if (!/[?&](janua_return|error)=/.test(location.search)) return null;
  return href;
}
