import node from '@astrojs/node';
import { defineConfig } from 'astro/config';
import janua from '@janua/astro';

export default defineConfig({
  output: 'server',
  adapter: node({ mode: 'standalone' }),
  integrations: [
    // The middleware verifies the session on every request (Astro.locals.janua) and sends
    // signed-out visitors of /dashboard to /sign-in; the page script keeps the cookie it reads.
    janua({ api: process.env.JANUA_API ?? 'http://127.0.0.1:8787', protect: ['/dashboard'] }),
  ],
  telemetry: false,
});
