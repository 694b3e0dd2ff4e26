/*
 * The words of the set-up warnings (diagnostics.ts decides when to say them). A page that is set
 * up right never needs them, so they are a lazy chunk instead of a part of every first load.
 */
const GUIDE = 'See docs/deployment.md ("Supported set-ups").';

export const texts = {
  site: (here: string, server: string): string => `This page (${here}) and the API (${server}) are on different sites, `
    + 'so the browser will not send the session cookie to the API: sign-in works, but a reload signs the user out. '
    + `Serve the API from this page's site, or proxy /api/v1 through this page's origin and set api="${here}". ${GUIDE}`,
  cookie: (server: string, here: string | null): string => `The session from before this reload was lost: the browser did not send the session cookie to ${server}`
    + `${here ? ` from ${here}` : ''}. Cookies flow only between pages and APIs on the same site (localhost and 127.0.0.1 are different sites), `
    + `and browsers that block third-party cookies refuse them across sites. ${GUIDE}`,
  refused: (server: string, here: string): string => `${server} refused this page's session cookie (403), so the session ended. `
    + `A server answers so when the cookie comes from an origin it does not allow: add ${here} to its allowed origins `
    + `(the reference server: --cors ${here}), also when a proxy serves the API from this page's origin. ${GUIDE}`,
  reach: (server: string, here: string): string => `Could not reach ${server}. If it is running, it probably does not allow requests from ${here} `
    + `(CORS): add that origin to the server's allowlist (the reference server: --cors ${here}; npm start -- --cors ${here}). ${GUIDE}`,
};
