/*
 * Set-up problems a developer must hear about once, in the console, with what to do — never in
 * the UI (a visitor can do nothing about them). Nothing here is a secret: the only thing stored
 * is a flag saying "this tab signed in with the cookie", in sessionStorage.
 */
const said = new Set<string>();
const GUIDE = 'See docs/deployment.md ("Supported set-ups").';

function warnOnce(key: string, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  console.warn(`[janua] ${message}`);
}

/**
 * The site of a URL, as cookies see it: scheme plus registrable domain. Without a public-suffix
 * list this takes the last two labels (IP addresses and single-label hosts stand alone), which
 * errs towards "same site" for hosts under suffixes such as co.uk: a missed warning, never a
 * false one.
 */
export function siteOf(url: URL): string {
  const host = url.hostname;
  const ip = /^[\d.]+$/.test(host) || host.includes(':') || host.startsWith('[');
  const labels = host.split('.');
  return `${url.protocol}//${ip || labels.length <= 2 ? host : labels.slice(-2).join('.')}`;
}

const page = (): URL | null => {
  try {
    return globalThis.location ? new URL(globalThis.location.href) : null;
  } catch {
    return null;
  }
};

/** Warns when the page and the API are on different sites: the refresh cookie would not flow. */
export function checkSameSite(api: string): void {
  const here = page();
  if (!here || !/^https?:$/.test(here.protocol)) return;
  const server = new URL(api);
  if (siteOf(here) === siteOf(server)) return;
  warnOnce(`site:${api}`, `This page (${here.origin}) and the API (${server.origin}) are on different sites, `
    + 'so the browser will not send the session cookie to the API: sign-in works, but a reload signs the user out. '
    + `Serve the API from this page's site, or proxy /api/v1 through this page's origin and set api="${here.origin}". ${GUIDE}`);
}

const markerKey = (api: string) => `janua:cookie-session:${api}`;

function storage(): Storage | null {
  try {
    return globalThis.sessionStorage ?? null;
  } catch {
    return null;
  }
}

/** This tab signed in with the refresh cookie: a reload should find it again. */
export function noteCookieSession(api: string, on: boolean): void {
  try {
    if (on) storage()?.setItem(markerKey(api), '1');
    else storage()?.removeItem(markerKey(api));
  } catch {
    // Storage full or blocked: the diagnosis is a convenience.
  }
}

/**
 * A restore found no cookie at all. Right after a sign-in in this tab that means the browser
 * never sent it (cross-site API, third-party cookies blocked), not that the user signed out.
 */
export function noteCookieMissing(api: string): void {
  let signedInHere = false;
  try {
    signedInHere = storage()?.getItem(markerKey(api)) === '1';
  } catch {
    // No storage: nothing to compare with.
  }
  if (!signedInHere) return;
  noteCookieSession(api, false);
  const here = page();
  warnOnce(`cookie:${api}`, `The session from before this reload was lost: the browser did not send the session cookie to ${new URL(api).origin}`
    + `${here ? ` from ${here.origin}` : ''}. Cookies flow only between pages and APIs on the same site (localhost and 127.0.0.1 are different sites), `
    + `and browsers that block third-party cookies refuse them across sites. ${GUIDE}`);
}

/** A request got no answer at all: the server is down, or it does not allow this page's origin. */
export function noteUnreachable(api: string): void {
  const here = page();
  if (!here) return;
  const server = new URL(api).origin;
  if (server === here.origin) return;
  warnOnce(`reach:${api}`, `Could not reach ${server}. If it is running, it probably does not allow requests from ${here.origin} `
    + `(CORS): add that origin to the server's allowlist (the reference server: --cors ${here.origin}; npm start -- --cors ${here.origin}). ${GUIDE}`);
}
