#!/usr/bin/env node
// Finds the system Chromium that every browser test here drives. Nothing in this repository
// downloads its own browser, so the order is: CHROME_PATH, then the Debian/Ubuntu/Google paths.
import { accessSync, constants, existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export const CHROME_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** Flags Chromium needs here: we run as root in a container with no GPU and no outside network. */
export const CHROME_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Whether `path` is a file this process may execute. */
export function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @returns {string | null} */
export function findChrome(env = process.env) {
  const fromEnv = env.CHROME_PATH?.trim();
  if (fromEnv) {
    // An explicit CHROME_PATH that is wrong is a configuration error, not a reason to guess.
    return isExecutable(fromEnv) ? fromEnv : null;
  }
  return CHROME_CANDIDATES.find(isExecutable) ?? null;
}

export function canInstallChromium() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/etc/debian_version');
}

export const INSTALL_HINT =
  'No Chromium found: install it (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROME_PATH to a Chrome/Chromium binary.';

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const found = findChrome();
  if (found) {
    console.log(found);
  } else {
    if (process.env.CHROME_PATH) console.error(`CHROME_PATH=${process.env.CHROME_PATH} is not an executable file.`);
    console.error(INSTALL_HINT);
    process.exit(1);
  }
}
