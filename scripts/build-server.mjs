// Bundles the reference server's CLI into packages/server/dist/cli.js. Dependencies stay
// external (resolved from node_modules at run time); only our TypeScript is compiled in.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

await build({
  absWorkingDir: root,
  entryPoints: ['packages/server/src/cli.ts'],
  outfile: 'packages/server/dist/cli.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
console.log('built packages/server/dist/cli.js');
