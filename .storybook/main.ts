import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';

// Set before Storybook reads its own environment, so neither dev nor build tries to phone home
// (the machines that run this have no internet beyond the npm registry).
process.env.STORYBOOK_DISABLE_TELEMETRY = '1';

const root = fileURLToPath(new URL('..', import.meta.url));

/*
 * Controls come from custom-elements.json, which is generated (and git-ignored): regenerate it
 * every time Storybook starts so controls can never lag behind the JSDoc.
 */
function generateManifest(): void {
  const cem = createRequire(import.meta.url).resolve('@custom-elements-manifest/analyzer/cem.js');
  execFileSync(process.execPath, [cem, 'analyze', '--config', 'custom-elements-manifest.config.mjs', '--quiet'], {
    cwd: root,
    stdio: 'inherit',
  });
}
generateManifest();

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.ts'],
  addons: ['@storybook/addon-a11y', '@storybook/addon-docs'],
  framework: {
    name: '@storybook/web-components-vite',
    options: {
      builder: {
        // The root vite.config.ts builds the kit in library mode; Storybook must not inherit it.
        viteConfigPath: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
      },
    },
  },
  core: {
    disableTelemetry: true,
    disableWhatsNewNotifications: true,
  },
};

export default config;
