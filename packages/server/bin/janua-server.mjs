#!/usr/bin/env node
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const built = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(built))) {
  console.error('janua-server: packages/server/dist/cli.js is missing; run `npm run build:server` first.');
  process.exit(1);
}
const { runCli } = await import(built.href);
await runCli(process.argv.slice(2));
