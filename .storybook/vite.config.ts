import { defineConfig } from 'vite';

// Storybook's own Vite config, so it does not inherit the kit's library build (root vite.config.ts).
export default defineConfig({
  build: { target: 'es2022' },
});
