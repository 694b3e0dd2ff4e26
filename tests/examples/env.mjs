// Loopback ports of the example apps' end-to-end run (playwright.examples.config.ts,
// scripts/examples.mjs), apart from tests/e2e/env.ts's: JANUA_E2E_PORT_BASE moves them together.
const base = Number(process.env['JANUA_E2E_PORT_BASE']) || 5190;

export const API_PORT = base + 3621;
export const API_URL = `http://127.0.0.1:${API_PORT}`;

/**
 * Each example app: where its built server listens. The React apps are opened on `localhost`
 * (passkeys need a host name) and reach the API through their own origin (a proxy); the others
 * call the API on 127.0.0.1 directly (same site, CORS).
 */
export const APPS = {
  react: { port: base + 21, url: `http://localhost:${base + 21}` },
  react18: { port: base + 22, url: `http://localhost:${base + 22}` },
  vue: { port: base + 23, url: `http://127.0.0.1:${base + 23}` },
  svelte: { port: base + 24, url: `http://127.0.0.1:${base + 24}` },
  astro: { port: base + 25, url: `http://127.0.0.1:${base + 25}` },
};

/** Every origin the API must accept (CORS, the refresh cookie's CSRF check, WebAuthn). */
export const ORIGINS = Object.values(APPS).flatMap(({ port }) => [`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
