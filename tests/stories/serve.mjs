#!/usr/bin/env node
// Serves the static Storybook (storybook-static/) on 127.0.0.1 for the axe run over every story,
// and the built kit (dist/) under /kit/ for the checks of the build itself — through the same
// static server the demo and the end-to-end pages use.
// Usage: node tests/stories/serve.mjs --port <n> [--dir storybook-static] [--kit dist]
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createStaticServer, listen } from '../../scripts/static-server.mjs';

const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    dir: { type: 'string', default: 'storybook-static' },
    kit: { type: 'string', default: 'dist' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve.mjs: --port must be a port number, got "${values.port}"`);
  process.exit(2);
}

const server = createStaticServer({
  root: resolve(repoRoot, values.dir),
  distDir: resolve(repoRoot, values.kit),
  distPrefix: '/kit/',
});
listen(server, port).then(
  (url) => console.log(`storybook-static on ${url}/`),
  (error) => {
    console.error(`serve.mjs: cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message}`);
    process.exit(1);
  },
);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
