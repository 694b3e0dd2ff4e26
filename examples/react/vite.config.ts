import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Janua API is proxied on this origin (the same-origin set-up of docs/deployment.md), so
// the refresh cookie is first-party and passkeys work on localhost.
const api = process.env.JANUA_API ?? 'http://127.0.0.1:8787';
const proxy = { '/api/': { target: api }, '/.well-known/': { target: api } };

export default defineConfig({
  plugins: [react()],
  server: { proxy },
  preview: { proxy },
});
