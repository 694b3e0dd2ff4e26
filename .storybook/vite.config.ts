import { defaultClientConditions, defineConfig } from 'vite';

// Storybook's own Vite config, so it does not inherit the kit's library build (root vite.config.ts).
export default defineConfig({
  // Workspace packages (@janua/core, @janua/server/browser) from their TypeScript sources.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { target: 'es2022' },
});
