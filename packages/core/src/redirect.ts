export interface SafeRedirectOptions {
  /** The page the target is relative to (usually `location.href`). */
  base: string;
  /** Other origins that may be redirected to, e.g. `https://app.example.com`. */
  allowlist?: readonly string[];
  /** What to return when the target is missing or refused. */
  fallback: string;
}

/** Longer targets are refused rather than parsed: no legitimate return URL is this long. */
const MAX_LENGTH = 2048;

/**
 * Guards every redirect the kit makes (`redirect-url`, `redirect_to`). Same-origin targets come
 * back as path + query + hash, allowlisted ones as a full URL, anything else as `fallback`.
 *
 * URL parsers disagree on edge cases (backslashes, missing slashes, stray whitespace), and an
 * attacker needs only one consumer that reads the string differently from us. So beyond the
 * origin check, anything that is not plainly a path or a plain http(s) URL is refused outright.
 */
export function safeRedirect(target: string | null | undefined, options: SafeRedirectOptions): string {
  const { fallback } = options;
  if (typeof target !== 'string' || target === '' || target.length > MAX_LENGTH) return fallback;
  // Control characters and whitespace are silently dropped or trimmed by the URL parser, which
  // is how `java\tscript:` or `\n//evil.com` sneak past naive checks.
  if (/[\u0000-\u001f\u007f-\u009f\s\u200b-\u200f\u2028-\u202f\ufeff]/.test(target)) return fallback;
  // Browsers read `\` as `/` in http(s) URLs, so `/\evil.com` means `//evil.com`.
  if (target.includes('\\')) return fallback;
  // A scheme is only accepted in the full `http://` / `https://` form; this refuses
  // `javascript:`, `data:`, and `https:evil.com` (which parsers resolve in different ways).
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(target);
  if (scheme && !/^https?:\/\/[^/]/i.test(target)) return fallback;

  let base: URL;
  let url: URL;
  try {
    base = new URL(options.base);
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return fallback;
  // `https://good.com@evil.com` puts the trusted name in the userinfo; no redirect needs one.
  if (url.username || url.password) return fallback;

  if (url.origin === base.origin) {
    // `/.//evil.com` or `https://good.com//evil.com` leave a path that starts with `//`, which
    // becomes a protocol-relative URL the moment someone assigns it to `location`.
    const path = url.pathname.replace(/^\/{2,}/, '/');
    return path + url.search + url.hash;
  }
  const allowed = new Set<string>();
  for (const entry of options.allowlist ?? []) {
    const origin = originOf(entry);
    if (origin) allowed.add(origin);
  }
  return allowed.has(url.origin) ? url.href : fallback;
}

function originOf(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}
