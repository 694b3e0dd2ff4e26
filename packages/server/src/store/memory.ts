import {
  ConstraintError,
  foldCase,
  isOperators,
  type ColumnSpec,
  type FindOptions,
  type Patch,
  type Row,
  type Store,
  type Table,
  type TableSpec,
  type Where,
} from './types.ts';

/**
 * The in-memory store: for tests and the browser build. It mirrors the SQLite store's
 * semantics (NOCASE folding, NULLs never collide in unique indexes, foreign keys with
 * cascades, savepoint-style nested transactions) so one test suite can hold both to the
 * same contract.
 */
export function createMemoryStore(): Store {
  return new MemoryStore();
}

type Undo = () => void;

class MemoryStore implements Store {
  readonly kind = 'memory' as const;
  readonly tables = new Map<string, MemoryTable<Row>>();
  /** Undo steps of the open transactions; null when none is open. */
  journal: Undo[] | null = null;
  private closed = false;

  table<T extends Row>(spec: TableSpec<T>): Table<T> {
    this.assertOpen();
    const existing = this.tables.get(spec.name);
    if (existing) return existing as unknown as Table<T>;
    const table = new MemoryTable<T>(this, spec);
    this.tables.set(spec.name, table as unknown as MemoryTable<Row>);
    return table;
  }

  registeredTables(): Table<Row>[] {
    return [...this.tables.values()];
  }

  transaction<R>(fn: () => R): R {
    this.assertOpen();
    const outer = this.journal === null;
    if (outer) this.journal = [];
    const mark = this.journal!.length;
    try {
      const result = fn();
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new TypeError('store.transaction: the function must be synchronous (it returned a promise)');
      }
      if (outer) this.journal = null;
      return result;
    } catch (error) {
      const journal = this.journal!;
      while (journal.length > mark) journal.pop()!();
      if (outer) this.journal = null;
      throw error;
    }
  }

  record(undo: Undo): void {
    this.journal?.push(undo);
  }

  close(): void {
    this.closed = true;
  }

  assertOpen(): void {
    if (this.closed) throw new Error('store is closed');
  }
}

interface IndexState {
  fields: readonly string[];
  unique: boolean;
  /** unique: key → id; secondary: key → ids. */
  entries: Map<string, string | Set<string>>;
}

class MemoryTable<T extends Row> implements Table<T> {
  readonly spec: TableSpec<T>;
  private readonly rows = new Map<string, T>();
  private readonly indexes: IndexState[];
  private readonly columns: Record<string, ColumnSpec>;

  constructor(private readonly store: MemoryStore, spec: TableSpec<T>) {
    this.spec = spec;
    this.columns = spec.columns as Record<string, ColumnSpec>;
    this.indexes = (spec.indexes ?? []).map((index) => ({
      fields: index.fields,
      unique: index.unique === true,
      entries: new Map(),
    }));
  }

  get(id: string): T | undefined {
    this.store.assertOpen();
    const row = this.rows.get(id);
    return row ? structuredClone(row) : undefined;
  }

  findOne(where: Where<T>): T | undefined {
    return this.find(where, { limit: 1 })[0];
  }

  find(where: Where<T> = {}, options: FindOptions<T> = {}): T[] {
    this.store.assertOpen();
    let rows = this.select(where);
    if (options.orderBy?.length) {
      const order = options.orderBy;
      rows = [...rows].sort((a, b) => {
        for (const { field, direction } of order) {
          const c = this.compare(field, (a as Record<string, unknown>)[field], (b as Record<string, unknown>)[field]);
          if (c !== 0) return direction === 'desc' ? -c : c;
        }
        return 0;
      });
    }
    const start = options.offset ?? 0;
    const end = options.limit === undefined ? undefined : start + options.limit;
    return rows.slice(start, end).map((row) => structuredClone(row));
  }

  count(where: Where<T> = {}): number {
    this.store.assertOpen();
    return this.select(where).length;
  }

  insert(input: T): T {
    this.store.assertOpen();
    const row = this.normalize(input as unknown as Record<string, unknown>) as unknown as T;
    if (this.rows.has(row.id)) throw new ConstraintError('unique', this.spec.name, ['id']);
    this.checkUnique(row, undefined);
    this.checkForeignKeys(row);
    this.put(row);
    this.store.record(() => this.remove(row.id));
    return structuredClone(row);
  }

  update(id: string, patch: Patch<T>): T | undefined {
    this.store.assertOpen();
    const before = this.rows.get(id);
    if (!before) return undefined;
    const merged: Record<string, unknown> = { ...(before as unknown as Record<string, unknown>) };
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (key === 'id') throw new Error('update: the id cannot change');
      if (!(key in this.columns)) throw new Error(`update(${this.spec.name}): unknown column ${key}`);
      merged[key] = this.columns[key]!.type === 'json' ? structuredClone(value) : value;
    }
    const after = merged as unknown as T;
    this.checkNotNull(merged);
    this.checkUnique(after, id);
    this.checkForeignKeys(after);
    this.remove(id);
    this.put(after);
    this.store.record(() => {
      this.remove(id);
      this.put(before);
    });
    return structuredClone(after);
  }

  updateWhere(where: Where<T>, patch: Patch<T>): number {
    const ids = this.select(where).map((row) => row.id);
    return this.store.transaction(() => {
      for (const id of ids) this.update(id, patch);
      return ids.length;
    });
  }

  delete(id: string): boolean {
    this.store.assertOpen();
    if (!this.rows.has(id)) return false;
    this.store.transaction(() => {
      this.applyReferentialActions(id);
      const before = this.rows.get(id)!;
      this.remove(id);
      this.store.record(() => this.put(before));
    });
    return true;
  }

  deleteWhere(where: Where<T>): number {
    const ids = this.select(where).map((row) => row.id);
    return this.store.transaction(() => ids.filter((id) => this.delete(id)).length);
  }

  private applyReferentialActions(id: string): void {
    for (const table of this.store.tables.values()) {
      for (const fk of table.spec.foreignKeys ?? []) {
        if (fk.table !== this.spec.name) continue;
        const where = { [fk.field]: id } as Where<Row>;
        const action = fk.onDelete ?? 'restrict';
        if (action === 'cascade') table.deleteWhere(where);
        else if (action === 'set null') table.updateWhere(where, { [fk.field]: null } as Patch<Row>);
        else if (table.count(where) > 0) {
          throw new ConstraintError('foreign_key', table.spec.name, [fk.field]);
        }
      }
    }
  }

  private normalize(input: Record<string, unknown>): Record<string, unknown> {
    const row: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      if (!(key in this.columns)) throw new Error(`insert(${this.spec.name}): unknown column ${key}`);
    }
    for (const [name, column] of Object.entries(this.columns)) {
      let value = input[name];
      if (value === undefined) value = column.default ?? null;
      row[name] = column.type === 'json' && value !== null ? structuredClone(value) : value;
    }
    this.checkNotNull(row);
    return row;
  }

  private checkNotNull(row: Record<string, unknown>): void {
    for (const [name, column] of Object.entries(this.columns)) {
      if (!column.nullable && row[name] == null) {
        throw new ConstraintError('not_null', this.spec.name, [name]);
      }
    }
  }

  private checkUnique(row: T, selfId: string | undefined): void {
    for (const index of this.indexes) {
      if (!index.unique) continue;
      const key = this.keyOf(row, index.fields);
      if (key === null) continue;
      const holder = index.entries.get(key);
      if (holder !== undefined && holder !== selfId) {
        throw new ConstraintError('unique', this.spec.name, index.fields);
      }
    }
  }

  private checkForeignKeys(row: T): void {
    for (const fk of this.spec.foreignKeys ?? []) {
      const value = (row as Record<string, unknown>)[fk.field];
      if (value == null) continue;
      const target = this.store.tables.get(fk.table);
      if (!target || target.get(String(value)) === undefined) {
        throw new ConstraintError('foreign_key', this.spec.name, [fk.field]);
      }
    }
  }

  private put(row: T): void {
    this.rows.set(row.id, row);
    for (const index of this.indexes) {
      const key = this.keyOf(row, index.fields);
      if (key === null) continue;
      if (index.unique) index.entries.set(key, row.id);
      else {
        let ids = index.entries.get(key) as Set<string> | undefined;
        if (!ids) index.entries.set(key, (ids = new Set()));
        ids.add(row.id);
      }
    }
  }

  private remove(id: string): void {
    const row = this.rows.get(id);
    if (!row) return;
    this.rows.delete(id);
    for (const index of this.indexes) {
      const key = this.keyOf(row, index.fields);
      if (key === null) continue;
      if (index.unique) index.entries.delete(key);
      else {
        const ids = index.entries.get(key) as Set<string> | undefined;
        ids?.delete(id);
        if (ids?.size === 0) index.entries.delete(key);
      }
    }
  }

  private keyOf(row: unknown, fields: readonly string[]): string | null {
    const values: unknown[] = [];
    for (const field of fields) {
      const value = (row as Record<string, unknown>)[field];
      if (value == null) return null;
      values.push(this.fold(field, value));
    }
    return JSON.stringify(values);
  }

  private fold(field: string, value: unknown): unknown {
    return this.columns[field]?.nocase && typeof value === 'string' ? foldCase(value) : value;
  }

  /** Candidate rows from an index when the condition pins every field of one, else a scan. */
  private select(where: Where<T>): T[] {
    const conditions = Object.entries(where).filter(([, c]) => c !== undefined);
    for (const [field, condition] of conditions) {
      const column = this.columns[field];
      if (!column) throw new Error(`${this.spec.name}: unknown column ${field} in where`);
      if (column.type === 'json') throw new Error(`${this.spec.name}: json column ${field} cannot be queried`);
      if (isOperators(condition) && condition.in !== undefined && !Array.isArray(condition.in)) {
        throw new Error('in: expects an array');
      }
    }
    const pinned = new Map(conditions.filter(([, c]) => c !== null && !isOperators(c)));
    let candidates: Iterable<T> = this.rows.values();
    // The primary key is the map itself: `{id, …}` conditions (the hot-path writes) never scan.
    const id = pinned.get('id');
    if (typeof id === 'string') {
      const row = this.rows.get(id);
      candidates = row ? [row] : [];
    } else {
      for (const index of this.indexes) {
        if (!index.fields.every((f) => pinned.has(f))) continue;
        const key = this.keyOf(Object.fromEntries(pinned), index.fields)!;
        const hit = index.entries.get(key);
        const ids = hit === undefined ? [] : typeof hit === 'string' ? [hit] : [...hit];
        candidates = ids.map((id) => this.rows.get(id)!);
        break;
      }
    }
    const out: T[] = [];
    for (const row of candidates) {
      if (conditions.every(([field, c]) => this.matches(field, (row as Record<string, unknown>)[field], c))) out.push(row);
    }
    return out;
  }

  private matches(field: string, value: unknown, condition: unknown): boolean {
    if (!isOperators(condition)) return this.equals(field, value, condition);
    for (const [op, operand] of Object.entries(condition)) {
      if (operand === undefined) continue;
      const ok = (() => {
        switch (op) {
          case 'eq': return this.equals(field, value, operand);
          case 'ne': return !this.equals(field, value, operand);
          case 'in': return value != null && (operand as unknown[]).some((v) => v != null && this.equals(field, value, v));
          case 'lt': case 'lte': case 'gt': case 'gte': {
            if (operand === null) throw new Error(`${op}: null is not comparable`);
            if (value == null) return false;
            const c = this.compare(field, value, operand);
            return op === 'lt' ? c < 0 : op === 'lte' ? c <= 0 : op === 'gt' ? c > 0 : c >= 0;
          }
          default: throw new Error(`unknown operator ${op}`);
        }
      })();
      if (!ok) return false;
    }
    return true;
  }

  private equals(field: string, a: unknown, b: unknown): boolean {
    if (a == null || b == null) return a == null && b == null;
    return this.fold(field, a) === this.fold(field, b);
  }

  /** NULLs sort first, as in SQLite. */
  private compare(field: string, a: unknown, b: unknown): number {
    if (a == null || b == null) return a == null ? (b == null ? 0 : -1) : 1;
    const x = this.fold(field, a) as string | number;
    const y = this.fold(field, b) as string | number;
    return x < y ? -1 : x > y ? 1 : 0;
  }
}
