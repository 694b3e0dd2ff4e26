import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies an SQLite WAL back into its database file from a worker thread with its own
 * connection (Node only; the SQLite store starts it for a file when asked).
 *
 * Why: SQLite's own autocheckpoint runs inside the commit that crosses its threshold, and a
 * checkpoint fsyncs the WAL and then the database. On this kind of disk that is 5–10 ms of a
 * blocked event loop every ~1000 pages (a few hundred token rotations): every request queued
 * behind it waits, which is most of the p95/p99 of a write-heavy endpoint. Here the fsyncs
 * happen off the request thread; durability is unchanged, since a commit is still in the WAL
 * (written, in WAL mode with synchronous=NORMAL) before it is answered, as before.
 *
 * A checkpoint running beside a steady stream of commits never catches up with the last
 * frame, and SQLite only restarts the WAL from its beginning once everything is copied; the
 * request thread therefore keeps SQLite's autocheckpoint with a high threshold
 * (`INLINE_FALLBACK_PAGES`) as the point where the WAL is wound back under sustained load. By
 * then the worker has copied nearly all of it, so that inline pass has little left to do.
 */
export const INLINE_FALLBACK_PAGES = 10_000;

export interface WalCheckpointer {
  /** Stops the timer and closes the worker's connection; settles once the worker has exited. */
  stop(): Promise<void>;
}

// Runs in the worker as a CommonJS script (eval), so it needs no file of its own in the bundle.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 0');
const pass = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    // SQLITE_BUSY: another checkpoint holds the lock; the next tick tries again.
    if (!String(error && error.code).startsWith('SQLITE_BUSY')) throw error;
  }
};
const timer = setInterval(pass, workerData.intervalMs);
parentPort.on('message', (message) => {
  if (message !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Starts the worker. `onFailure` runs if it cannot work (it could not open the file, say), so
 * the store can hand checkpoints back to SQLite's inline autocheckpoint.
 */
export function startWalCheckpointer(path: string, intervalMs: number, onFailure: (error: Error) => void): WalCheckpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { path, module, intervalMs } });
  // Never what keeps a process alive: an exit mid-checkpoint is safe, SQLite recovers the WAL.
  worker.unref();
  let stopped = false;
  const exited = new Promise<void>((done) => worker.once('exit', () => done()));
  worker.on('error', (error) => {
    if (!stopped) onFailure(error);
  });
  return {
    stop() {
      if (!stopped) {
        stopped = true;
        // Held until it has closed: whoever awaits this wants the files let go of.
        worker.ref();
        worker.postMessage('stop');
      }
      return exited;
    },
  };
}
