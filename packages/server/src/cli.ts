import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveProviders, type OAuthOptions } from './oauth/config.ts';
import { DEMO_MFA } from './mfa/seed.ts';
import { DEMO_LOGIN } from './seed.ts';
import { startServer, type StartServerOptions } from './node.ts';

export const USAGE = `Usage: janua-server [options]

  --port <n>          TCP port (default 8787; 0 picks a free one)
  --host <addr>       Address to bind (default 127.0.0.1)
  --db <path>         SQLite file, or :memory: (default ./janua.db)
  --dev               Enable /api/v1/dev/* (outbox); loopback hosts only
  --cors <a,b>        Origins allowed to call with credentials
  --seed              Create the demo accounts (idempotent)
  --issuer <url>      Public base URL (default http://<host>:<port>)
  --no-rate-limit     Turn off rate limits and lockout (load tests; needs --dev)
  --rotate-keys       Retire the signing key and sign with a new one from now on
  --key-rotation-days <n>
                      Replace the signing key automatically every n days (at least hourly)
  --rp-id <domain>    WebAuthn relying-party id (default: the issuer's host name)
  --origin <url>      Page origin allowed for passkeys; repeat or comma-separate
                      (default: the issuer and the --cors origins)
  --oauth-config <f>  JSON file with social sign-in providers: {"providers": [...]}
  --sso-allow-private-issuers
                      Let organizations use SSO issuers on http or on loopback/private
                      addresses (an intranet IdP); on by default with --dev only
  -h, --help          Show this help`;

export class CliError extends Error {}

export function parseCliArgs(argv: string[]): StartServerOptions | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        db: { type: 'string' },
        dev: { type: 'boolean' },
        cors: { type: 'string' },
        seed: { type: 'boolean' },
        issuer: { type: 'string' },
        'no-rate-limit': { type: 'boolean' },
        'rotate-keys': { type: 'boolean' },
        'key-rotation-days': { type: 'string' },
        'rp-id': { type: 'string' },
        origin: { type: 'string', multiple: true },
        'oauth-config': { type: 'string' },
        'sso-allow-private-issuers': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new CliError((error as Error).message);
  }
  if (values.help) return 'help';
  const options: StartServerOptions = {};
  if (values.port !== undefined) {
    const port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) throw new CliError(`--port must be a number from 0 to 65535, got "${values.port}"`);
    options.port = port;
  }
  if (values.host !== undefined) options.host = values.host;
  if (values.db !== undefined) {
    if (!values.db) throw new CliError('--db needs a file path or :memory:');
    options.db = values.db;
  }
  if (values.dev) options.dev = true;
  if (values.seed) options.seed = true;
  if (values['no-rate-limit']) {
    // Limits and lockout guard real accounts; switching them off is for load tests on a dev server.
    if (!values.dev) throw new CliError('--no-rate-limit is for load tests and needs --dev');
    options.rateLimit = false;
  }
  if (values['rotate-keys']) options.rotateKeys = true;
  if (values['key-rotation-days'] !== undefined) {
    const days = Number(values['key-rotation-days']);
    if (!/^\d+(\.\d+)?$/.test(values['key-rotation-days']) || days <= 0 || days > 3650) {
      throw new CliError(`--key-rotation-days must be a positive number of days, at most 3650, got "${values['key-rotation-days']}"`);
    }
    options.keyRotationAge = Math.max(3600, Math.round(days * 86_400));
  }
  if (values.cors !== undefined) {
    const origins = values.cors.split(',').map((o) => o.trim()).filter(Boolean);
    for (const origin of origins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin !== origin.replace(/\/+$/, '')) {
        throw new CliError(`--cors expects origins like http://localhost:5173, got "${origin}"`);
      }
    }
    options.cors = origins;
  }
  if (values.issuer !== undefined) {
    try {
      new URL(values.issuer);
    } catch {
      throw new CliError(`--issuer must be an absolute URL, got "${values.issuer}"`);
    }
    options.issuer = values.issuer;
  }
  if (values['rp-id'] !== undefined) {
    if (!/^[a-z0-9.-]+$/i.test(values['rp-id'])) throw new CliError(`--rp-id must be a domain name such as example.com, got "${values['rp-id']}"`);
    options.rpId = values['rp-id'];
  }
  if (values.origin !== undefined) {
    const origins = values.origin.flatMap((o) => o.split(',')).map((o) => o.trim().replace(/\/+$/, '')).filter(Boolean);
    for (const origin of origins) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(origin);
      } catch {
        parsed = undefined;
      }
      if (!parsed || parsed.origin !== origin) throw new CliError(`--origin expects origins like https://app.example.com, got "${origin}"`);
    }
    options.origins = origins;
  }
  if (values['sso-allow-private-issuers']) options.ssoAllowPrivateIssuers = true;
  if (values['oauth-config'] !== undefined) options.oauth = readOAuthConfig(values['oauth-config']);
  return options;
}

/** Reads and checks the providers file now, so a typo stops the CLI with a message instead of a stack. */
function readOAuthConfig(path: string): OAuthOptions {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new CliError(`--oauth-config: cannot read ${path}: ${(error as Error).message}`);
  }
  const oauth = (Array.isArray(parsed) ? { providers: parsed } : parsed) as OAuthOptions;
  try {
    resolveProviders(oauth);
  } catch (error) {
    throw new CliError(`--oauth-config: ${(error as Error).message}`);
  }
  return oauth;
}

export async function runCli(argv: string[]): Promise<void> {
  let options: StartServerOptions | 'help';
  try {
    options = parseCliArgs(argv);
  } catch (error) {
    console.error(`janua-server: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    console.log(USAGE);
    return;
  }
  let server;
  try {
    server = await startServer(options);
  } catch (error) {
    console.error(`janua-server: ${(error as Error).message}`);
    process.exitCode = 1;
    return;
  }
  // One write, so whoever waits for the URL line also has the rest of the banner.
  const banner = [
    `Janua reference server on ${server.url}`,
    `  database: ${options.db ?? './janua.db'}${options.dev ? ', dev mode (outbox at /api/v1/dev/outbox)' : ''}`,
  ];
  if (options.seed) {
    banner.push(`  demo login: ${DEMO_LOGIN.email} / ${DEMO_LOGIN.password}`);
    banner.push(`  MFA demo login: ${DEMO_MFA.email} / ${DEMO_MFA.password} (TOTP secret ${DEMO_MFA.totpSecret}, backup code ${DEMO_MFA.backupCodes[0]})`);
  }
  console.log(banner.join('\n'));
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`janua-server: ${signal}, closing`);
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

function isMain(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return realpathSync(entry) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) await runCli(process.argv.slice(2));
