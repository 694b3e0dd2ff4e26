// Loopback ports for the end-to-end servers, shared by playwright.config.ts and the specs.
// They differ from `npm start`'s defaults, so tests run while the demo is up. JANUA_E2E_PORT_BASE
// moves all three together, so two checkouts can run their suites side by side.
const base = Number(process.env['JANUA_E2E_PORT_BASE']) || 5190;
export const API_PORT = base + 3609;
export const PAGE_PORT = base + 9;
/** The demo site (demo/), served against the same test server. */
export const DEMO_PORT = base + 8;
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const PAGE_URL = `http://127.0.0.1:${PAGE_PORT}`;
export const DEMO_URL = `http://127.0.0.1:${DEMO_PORT}`;
