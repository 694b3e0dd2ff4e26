import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSqliteStore } from '../../packages/server/src/sqlite-store.ts';
import { createMemoryStore } from '../../packages/server/src/store/memory.ts';
import { defineTable } from '../../packages/server/src/store/types.ts';
import { storeSuite } from './store-suite.ts';

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
});
