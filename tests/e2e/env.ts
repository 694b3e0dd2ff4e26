// Fixed loopback ports for the end-to-end servers, shared by playwright.config.ts and the specs.
// They differ from `npm start`'s defaults (8787, 5173), so tests run while the demo is up.
export const API_PORT = 8799;
export const PAGE_PORT = 5199;
/** The demo site (demo/), served against the same test server. */
export const DEMO_PORT = 5198;
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const PAGE_URL = `http://127.0.0.1:${PAGE_PORT}`;
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
