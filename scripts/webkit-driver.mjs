// Starts WebKitWebDriver on a free 127.0.0.1 port for the element tests and stops it again, with
// a virtual X server (Xvfb) under it when there is no display: WebKitGTK's MiniBrowser has no
// headless mode. Both processes stay in the caller's process group, so whoever ends the test
// run's group (scripts/test.mjs, Ctrl-C in a terminal) ends them too; `stop()` is the tidy way.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';

const READY_TIMEOUT_MS = 30_000;

/** A port nobody listens on right now, from the kernel. */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function exited(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

async function terminate(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const gone = exited(child);
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await gone;
  clearTimeout(timer);
}

/** Keeps the last lines a process printed, to explain a failed start. */
function tail(child) {
  let text = '';
  const keep = (chunk) => {
    text = (text + chunk.toString()).slice(-4_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text.trim();
}

/** Xvfb picks a free display number itself and writes it to fd 3 once it accepts connections. */
function startXvfb(xvfb) {
  return new Promise((resolve, reject) => {
    const child = spawn(xvfb, ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    const output = tail(child);
    let display = '';
    const timer = setTimeout(() => fail(new Error(`Xvfb did not report a display within ${READY_TIMEOUT_MS / 1000} s`)), READY_TIMEOUT_MS);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}${output() ? `\n${output()}` : ''}`));
    };
    child.on('error', fail);
    child.on('exit', (code) => fail(new Error(`Xvfb exited (${code}) before it was ready`)));
    child.stdio[3].on('data', (chunk) => {
      display += chunk.toString();
      if (display.includes('\n')) {
        clearTimeout(timer);
        child.removeAllListeners('exit');
        resolve({ child, display: `:${display.trim()}` });
      }
    });
  });
}

async function waitUntilReady(url, child, output) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`WebKitWebDriver exited (${child.exitCode ?? child.signalCode}) before it was ready\n${output()}`);
    }
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`WebKitWebDriver did not answer ${url} within ${READY_TIMEOUT_MS / 1000} s\n${output()}`);
}

/**
 * @param {{ driver: string, xvfb: string | null, needsXvfb: boolean }} webkit from findWebKit()
 * @returns {Promise<{ port: number, stop: () => Promise<void> }>}
 */
export async function startWebKitDriver(webkit) {
  let xvfb = null;
  const env = { ...process.env };
  if (webkit.needsXvfb) {
    xvfb = await startXvfb(webkit.xvfb);
    env.DISPLAY = xvfb.display;
    delete env.WAYLAND_DISPLAY;
  }
  const port = await freePort();
  const driver = spawn(webkit.driver, [`--port=${port}`, '--host=127.0.0.1'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = tail(driver);
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    process.off('exit', killNow);
    await terminate(driver);
    await terminate(xvfb?.child);
  };
  // Last resort when the runner exits without stopping its browsers.
  const killNow = () => {
    driver.kill('SIGKILL');
    xvfb?.child.kill('SIGTERM');
  };
  process.on('exit', killNow);
  try {
    await new Promise((resolve, reject) => {
      driver.once('spawn', resolve);
      driver.once('error', reject);
    });
    await waitUntilReady(`http://127.0.0.1:${port}/status`, driver, output);
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, stop };
}
