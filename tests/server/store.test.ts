import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { createMemoryStore } from '../../packages/server/src/store/memory.ts';
import { defineTable } from '../../packages/server/src/store/types.ts';
import { storeSuite } from './store-suite.ts';
import { until } from './helpers/until.ts';

const dir = mkdtempSync(join(tmpdir(), 'janua-store-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

storeSuite('memory', () => createMemoryStore());
storeSuite('sqlite (file)', () => createSqliteStore(join(dir, `suite-${++n}.db`)));

describe('sqlite store on disk', () => {
  interface NoteV1 { id: string; body: string }
  interface Note extends NoteV1 { pinned: boolean; tag: string | null }
  const v1 = defineTable<NoteV1>({ name: 'notes', columns: { id: { type: 'text' }, body: { type: 'text' } } });
  const v2 = defineTable<Note>({
    name: 'notes',
    columns: {
      id: { type: 'text' },
      body: { type: 'text' },
      pinned: { type: 'boolean', default: false },
      tag: { type: 'text', nullable: true },
    },
    indexes: [{ fields: ['tag'] }],
  });

  it('keeps rows across a reopen and uses WAL', () => {
    const path = join(dir, 'persist.db');
    const first = createSqliteStore(path);
    first.table(v1).insert({ id: 'n1', body: 'hello' });
    first.close();
    const second = createSqliteStore(path);
    assert.deepEqual(second.table(v1).get('n1'), { id: 'n1', body: 'hello' });
    const mode = (second as unknown as { db: { pragma(s: string, o: object): unknown } }).db.pragma('journal_mode', { simple: true });
    assert.equal(mode, 'wal');
    second.close();
  });

  it('adds the columns and indexes a newer spec declares to an existing table', () => {
    const path = join(dir, 'migrate.db');
    const old = createSqliteStore(path);
    old.table(v1).insert({ id: 'n1', body: 'old row' });
    old.close();
    const store = createSqliteStore(path);
    const notes = store.table(v2);
    assert.deepEqual(notes.get('n1'), { id: 'n1', body: 'old row', pinned: false, tag: null });
    notes.insert({ id: 'n2', body: 'new', pinned: true, tag: 'x' });
    assert.equal(notes.count({ tag: 'x' }), 1);
    store.close();
  });

  it('refuses to add a NOT NULL column without a default', () => {
    const path = join(dir, 'refuse.db');
    const first = createSqliteStore(path);
    first.table(v1).insert({ id: 'n', body: 'b' });
    first.close();
    const store = createSqliteStore(path);
    const bad = defineTable<NoteV1 & { must: string }>({
      name: 'notes',
      columns: { id: { type: 'text' }, body: { type: 'text' }, must: { type: 'text' } },
    });
    assert.throws(() => store.table(bad), /nullable or a default/);
    store.close();
  });

  /**
   * Rows of `notes` in the database file alone, as a copy without its WAL sees them. A copy taken
   * while the worker is writing pages into the file can be torn (our copy, not the database: the
   * integrity check after close looks at the real file); that reads as "not there yet".
   */
  const inMainFile = (path: string, copy: string): number => {
    copyFileSync(path, copy);
    let db: Database.Database | undefined;
    try {
      db = new Database(copy, { readonly: true });
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'notes'").get()) return 0;
      return (db.prepare('SELECT COUNT(*) AS n FROM notes').get() as { n: number }).n;
    } catch (error) {
      if (['SQLITE_CORRUPT', 'SQLITE_NOTADB'].includes((error as { code?: string }).code ?? '')) return -1;
      throw error;
    } finally {
      db?.close();
    }
  };

  it('with background checkpoints, a worker copies commits into the database file with no further commit', async () => {
    const path = join(dir, 'background.db');
    const store = createSqliteStore(path, { checkpoint: 'background', checkpointIntervalMs: 20 });
    const notes = store.table(v1);
    for (let i = 0; i < 40; i++) notes.insert({ id: `n${i}`, body: 'written while the worker runs' });
    await until(() => inMainFile(path, join(dir, 'background-copy.db')) === 40, 'every committed row in the database file');
    const db = (store as unknown as { db: Database.Database }).db;
    assert.equal(db.pragma('wal_autocheckpoint', { simple: true }), 10_000, 'inline checkpoints only as the fallback for sustained load');
    assert.equal((store as unknown as { backgroundCheckpoint: boolean }).backgroundCheckpoint, true);
    store.close();
    await store.closed();
    const reopened = createSqliteStore(path);
    assert.equal(reopened.table(v1).count(), 40);
    assert.equal((reopened as unknown as { db: Database.Database }).db.pragma('integrity_check', { simple: true }), 'ok');
    reopened.close();
  });

  it('by default checkpoints stay inline: a few commits live only in the WAL until 1000 pages', async () => {
    const path = join(dir, 'inline.db');
    const store = createSqliteStore(path);
    // A control opened after it with background checkpoints at the default interval. Once a row
    // the control wrote after its first checkpoint is in its file too (an interval later), a
    // checkpoint worker of the default store would have copied the store's rows by then.
    const controlPath = join(dir, 'inline-control.db');
    const control = createSqliteStore(controlPath, { checkpoint: 'background' });
    for (const notes of [store.table(v1), control.table(v1)]) {
      for (let i = 0; i < 40; i++) notes.insert({ id: `n${i}`, body: 'written inline' });
    }
    await until(() => inMainFile(controlPath, join(dir, 'inline-control-copy.db')) === 40, 'the background checkpoint of the control');
    control.table(v1).insert({ id: 'n40', body: 'one interval later' });
    await until(() => inMainFile(controlPath, join(dir, 'inline-control-copy.db')) === 41, 'the next background checkpoint of the control');
    control.close();
    await control.closed();
    assert.equal(inMainFile(path, join(dir, 'inline-copy.db')), 0);
    assert.equal((store as unknown as { backgroundCheckpoint: boolean }).backgroundCheckpoint, false);
    store.close();
  });

  it('never starts a checkpoint worker for an in-memory database', () => {
    const store = createSqliteStore(':memory:', { checkpoint: 'background' });
    assert.equal((store as unknown as { backgroundCheckpoint: boolean }).backgroundCheckpoint, false);
    store.close();
  });
});

describe('WAL checkpoint worker', () => {
  it('reports a worker that cannot open its database, and stop() still settles', { timeout: 10_000 }, async () => {
    const { startWalCheckpointer } = await import('../../packages/server/src/store/wal-checkpointer.ts');
    let reported: (error: Error) => void = () => undefined;
    const failure = new Promise<Error>((done) => (reported = done));
    const worker = startWalCheckpointer(join(dir, 'missing', 'nothing.db'), 20, (error) => reported(error));
    // The worker never holds the process open by itself; the test does, as a server would.
    const alive = setInterval(() => undefined, 50);
    const error = await failure.finally(() => clearInterval(alive));
    assert.match(String(error.message), /unable to open|no such file|directory does not exist/i);
    await worker.stop();
  });
});
