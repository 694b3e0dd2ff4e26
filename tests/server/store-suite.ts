import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConstraintError, defineTable, type Store } from '../../packages/server/src/store/types.ts';

interface Owner {
  id: string;
  email: string;
  handle: string | null;
  active: boolean;
  score: number;
  profile: Record<string, unknown>;
}

interface Pet {
  id: string;
  owner_id: string;
  name: string;
  kind: string;
}

interface Tag {
  id: string;
  pet_id: string | null;
  label: string;
}

const owners = defineTable<Owner>({
  name: 'owners',
  columns: {
    id: { type: 'text' },
    email: { type: 'text', nocase: true },
    handle: { type: 'text', nullable: true, nocase: true },
    active: { type: 'boolean', default: true },
    score: { type: 'integer', default: 0 },
    profile: { type: 'json' },
  },
  indexes: [{ fields: ['email'], unique: true }, { fields: ['handle'], unique: true }, { fields: ['active'] }],
});

const pets = defineTable<Pet>({
  name: 'pets',
  columns: { id: { type: 'text' }, owner_id: { type: 'text' }, name: { type: 'text' }, kind: { type: 'text' } },
  indexes: [{ fields: ['owner_id'] }, { fields: ['owner_id', 'name'], unique: true }],
  foreignKeys: [{ field: 'owner_id', table: 'owners', onDelete: 'cascade' }],
});

const tags = defineTable<Tag>({
  name: 'tags',
  columns: { id: { type: 'text' }, pet_id: { type: 'text', nullable: true }, label: { type: 'text' } },
  foreignKeys: [{ field: 'pet_id', table: 'pets', onDelete: 'set null' }],
});

const owner = (id: string, email: string, extra: Partial<Owner> = {}): Owner => ({
  id,
  email,
  handle: null,
  active: true,
  score: 0,
  profile: {},
  ...extra,
});

/** One contract, every store: run by tests/server/store.test.ts against memory and SQLite. */
export function storeSuite(name: string, open: () => Store): void {
  describe(`store contract: ${name}`, () => {
    const setup = () => {
      const store = open();
      return { store, o: store.table(owners), p: store.table(pets), t: store.table(tags) };
    };

    it('inserts and reads back rows with booleans, integers and JSON intact', () => {
      const { store, o } = setup();
      o.insert(owner('1', 'ann@example.com', { handle: 'ann', score: 7, profile: { tz: 'UTC', n: [1, 2] } }));
      assert.deepEqual(o.get('1'), owner('1', 'ann@example.com', { handle: 'ann', score: 7, profile: { tz: 'UTC', n: [1, 2] } }));
      assert.equal(o.get('missing'), undefined);
      store.close();
    });

    it('returns copies: changing a returned row does not change the stored one', () => {
      const { store, o } = setup();
      const row = o.insert(owner('1', 'a@x.io', { profile: { a: 1 } }));
      row.profile['a'] = 2;
      o.get('1')!.profile['a'] = 3;
      assert.deepEqual(o.get('1')!.profile, { a: 1 });
      store.close();
    });

    it('applies column defaults and refuses NULL in NOT NULL columns', () => {
      const { store, o } = setup();
      const row = o.insert({ id: '1', email: 'd@x.io', handle: null, profile: {} } as unknown as Owner);
      assert.equal(row.active, true);
      assert.equal(o.get('1')!.score, 0);
      assert.throws(() => o.insert({ id: '2', email: null, handle: null, profile: {} } as unknown as Owner), (e: unknown) =>
        e instanceof ConstraintError && e.kind === 'not_null');
      store.close();
    });

    it('enforces case-insensitive uniqueness and finds by either case', () => {
      const { store, o } = setup();
      o.insert(owner('1', 'Ann@Example.com', { handle: 'Ann' }));
      assert.throws(() => o.insert(owner('2', 'ann@EXAMPLE.com')), (e: unknown) =>
        e instanceof ConstraintError && e.kind === 'unique' && e.fields.includes('email'));
      assert.throws(() => o.insert(owner('3', 'other@example.com', { handle: 'ANN' })), (e: unknown) =>
        e instanceof ConstraintError && e.fields.includes('handle'));
      assert.throws(() => o.insert(owner('1', 'third@example.com')), ConstraintError);
      assert.equal(o.findOne({ email: 'ANN@example.COM' })?.id, '1');
      assert.equal(o.count(), 1);
      store.close();
    });

    it('lets many rows hold NULL in a unique column', () => {
      const { store, o } = setup();
      o.insert(owner('1', 'a@x.io'));
      o.insert(owner('2', 'b@x.io'));
      assert.equal(o.count({ handle: null }), 2);
      store.close();
    });

    it('refuses an update that would collide and leaves the row unchanged', () => {
      const { store, o } = setup();
      o.insert(owner('1', 'a@x.io'));
      o.insert(owner('2', 'b@x.io', { score: 5 }));
      assert.throws(() => o.update('2', { email: 'A@x.io', score: 9 }), ConstraintError);
      assert.deepEqual(o.get('2'), owner('2', 'b@x.io', { score: 5 }));
      assert.equal(o.update('2', { email: 'B@X.io' })!.email, 'B@X.io');
      assert.equal(o.update('nope', { score: 1 }), undefined);
      store.close();
    });

    it('filters with operators, orders, limits and offsets', () => {
      const { store, o } = setup();
      ['c', 'a', 'e', 'b', 'd'].forEach((h, i) => o.insert(owner(String(i), `${h}@x.io`, { handle: h, score: i * 10, active: i % 2 === 0 })));
      const byScore = (rows: Owner[]) => rows.map((r) => r.score);
      assert.deepEqual(byScore(o.find({ score: { gte: 10, lt: 40 } }, { orderBy: [{ field: 'score' }] })), [10, 20, 30]);
      assert.deepEqual(byScore(o.find({ active: false }, { orderBy: [{ field: 'score', direction: 'desc' }] })), [30, 10]);
      assert.deepEqual(o.find({ handle: { in: ['A', 'e', 'zz'] } }, { orderBy: [{ field: 'handle' }] }).map((r) => r.handle), ['a', 'e']);
      assert.deepEqual(o.find({}, { orderBy: [{ field: 'handle' }], limit: 2, offset: 1 }).map((r) => r.handle), ['b', 'c']);
      assert.equal(o.count({ handle: { ne: 'c' } }), 4);
      assert.equal(o.count({ handle: { in: [] } }), 0);
      assert.equal(o.count({ score: { gt: 0 }, active: true }), 2);
      store.close();
    });

    it('updates and deletes by condition and reports how many rows changed', () => {
      const { store, o } = setup();
      for (let i = 0; i < 4; i++) o.insert(owner(String(i), `${i}@x.io`, { score: i }));
      assert.equal(o.updateWhere({ score: { lt: 2 } }, { active: false }), 2);
      assert.equal(o.count({ active: false }), 2);
      assert.equal(o.deleteWhere({ active: false }), 2);
      assert.equal(o.delete('3'), true);
      assert.equal(o.delete('3'), false);
      assert.deepEqual(o.find().map((r) => r.id), ['2']);
      store.close();
    });

    it('rolls back every write of a transaction that throws', () => {
      const { store, o, p } = setup();
      o.insert(owner('keep', 'keep@x.io', { score: 1 }));
      assert.throws(() =>
        store.transaction(() => {
          o.insert(owner('new', 'new@x.io'));
          p.insert({ id: 'p1', owner_id: 'new', name: 'Rex', kind: 'dog' });
          o.update('keep', { score: 99 });
          o.delete('keep');
          throw new Error('crash halfway');
        }), /crash halfway/);
      assert.equal(o.get('new'), undefined);
      assert.equal(p.count(), 0);
      assert.deepEqual(o.get('keep'), owner('keep', 'keep@x.io', { score: 1 }));
      store.close();
    });

    it('rolls back a failed nested transaction without undoing the outer one', () => {
      const { store, o } = setup();
      const result = store.transaction(() => {
        o.insert(owner('outer', 'outer@x.io'));
        try {
          store.transaction(() => {
            o.insert(owner('inner', 'inner@x.io'));
            o.insert(owner('dup', 'OUTER@x.io'));
          });
        } catch (error) {
          assert.ok(error instanceof ConstraintError);
        }
        return 'done';
      });
      assert.equal(result, 'done');
      assert.ok(o.get('outer'));
      assert.equal(o.get('inner'), undefined);
      store.close();
    });

    it('refuses an async transaction function and undoes what it did', async () => {
      const { store, o } = setup();
      assert.throws(() => store.transaction(() => {
        o.insert(owner('x', 'x@x.io'));
        return Promise.resolve(1);
      }), /synchronous/);
      assert.equal(o.get('x'), undefined);
      store.close();
    });

    it('enforces foreign keys: refuses orphans, cascades deletes, sets null', () => {
      const { store, o, p, t } = setup();
      assert.throws(() => p.insert({ id: 'p0', owner_id: 'ghost', name: 'X', kind: 'cat' }), (e: unknown) =>
        e instanceof ConstraintError && e.kind === 'foreign_key');
      o.insert(owner('o1', 'o1@x.io'));
      p.insert({ id: 'p1', owner_id: 'o1', name: 'Rex', kind: 'dog' });
      p.insert({ id: 'p2', owner_id: 'o1', name: 'Tom', kind: 'cat' });
      assert.throws(() => p.insert({ id: 'p3', owner_id: 'o1', name: 'Rex', kind: 'cat' }), ConstraintError);
      t.insert({ id: 't1', pet_id: 'p1', label: 'good' });
      assert.deepEqual(p.find({ owner_id: 'o1' }, { orderBy: [{ field: 'name' }] }).map((x) => x.name), ['Rex', 'Tom']);
      assert.equal(o.delete('o1'), true);
      assert.equal(p.count(), 0);
      assert.equal(t.get('t1')!.pet_id, null);
      store.close();
    });

    it('enforces a foreign key declared on the id column itself (a one-to-one extension row)', () => {
      const { store, o } = setup();
      const cards = store.table(defineTable<{ id: string; number: string }>({
        name: 'owner_cards',
        columns: { id: { type: 'text' }, number: { type: 'text' } },
        foreignKeys: [{ field: 'id', table: 'owners', onDelete: 'cascade' }],
      }));
      assert.throws(() => cards.insert({ id: 'ghost', number: '1' }), (e: unknown) =>
        e instanceof ConstraintError && e.kind === 'foreign_key');
      o.insert(owner('o9', 'o9@x.io'));
      cards.insert({ id: 'o9', number: '42' });
      assert.equal(o.delete('o9'), true);
      assert.equal(cards.get('o9'), undefined, 'the extension row goes with its owner');
      store.close();
    });

    it('returns the same table for the same spec and rejects bad declarations', () => {
      const { store, o } = setup();
      assert.equal(store.table(owners), o);
      assert.throws(() => defineTable({ name: 'bad name', columns: { id: { type: 'text' } } }), /invalid table name/);
      assert.throws(() => defineTable<{ id: string; x: string }>({ name: 'ok', columns: { id: { type: 'text' }, x: { type: 'text' } }, indexes: [{ fields: ['y' as 'x'] }] }), /unknown column/);
      store.close();
    });
  });
}
