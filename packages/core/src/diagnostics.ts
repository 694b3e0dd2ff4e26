/*
 * Set-up problems a developer must hear about once, in the console, with what to do — never in
 * the UI (a visitor can do nothing about them). Nothing here is a secret: the only thing stored
 * is a flag saying "this tab signed in with the cookie", in sessionStorage.
 */
import type { texts } from './diagnostics-text.ts';

const said = new Set<string>();

/**
 * Forgets which warnings were said, as a new page would start. For tests, where one process
 * plays several pages in turn; not exported by the package.
 */
export function forgetWarnings(): void {
  said.clear();
}

type Texts = typeof texts;

/**
 * Says one warning once per key. Its words load on first use (diagnostics-text.ts), so they are
 * not in a first load; the warning reaches the console a module load later.
 */
function warnOnce<K extends keyof Texts>(key: string, which: K, ...args: Parameters<Texts[K]>): void {
  if (said.has(key)) return;
  said.add(key);
  void import('./diagnostics-text.ts').then(
    ({ texts }) => console.warn(`[janua] ${(texts[which] as (...a: Parameters<Texts[K]>) => string)(...args)}`),
    () => console.warn(`[janua] set-up problem "${which}" with ${key.slice(key.indexOf(':') + 1)}; see docs/deployment.md`),
  );
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
  warnOnce(`site:${api}`, 'site', here.origin, server.origin);
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
  warnOnce(`cookie:${api}`, 'cookie', new URL(api).origin, here?.origin ?? null);
}

/**
 * A cookie refresh answered 403: with the reference server, the session cookie came from an
 * origin it does not allow (the CSRF guard), which signs every visitor out at each reload.
 */
export function noteCookieRefused(api: string): void {
  const here = page();
  if (here) warnOnce(`refused:${api}`, 'refused', new URL(api).origin, here.origin);
}

/** A request got no answer at all: the server is down, or it does not allow this page's origin. */
export function noteUnreachable(api: string): void {
  const here = page();
  if (!here) return;
  const server = new URL(api).origin;
  if (server === here.origin) return;
  warnOnce(`reach:${api}`, 'reach', server, here.origin);
}
