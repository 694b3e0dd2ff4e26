// Loopback ports of the browser security suite: next to the e2e ones (tests/e2e/env.ts) and moved
// with them by JANUA_E2E_PORT_BASE, so both suites and other checkouts can run side by side.
const base = Number(process.env['JANUA_E2E_PORT_BASE']) || 5190;
export const API_PORT = base + 3611;
export const PAGE_PORT = base + 11;
export const API_URL = `http://127.0.0.1:${API_PORT}`;
export const PAGE_URL = `http://127.0.0.1:${PAGE_PORT}`;
