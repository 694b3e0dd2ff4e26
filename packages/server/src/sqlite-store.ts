import Database from 'better-sqlite3';
import {
  ConstraintError,
  isOperators,
  type ColumnSpec,
  type FindOptions,
  type Patch,
  type Row,
  type Store,
  type Table,
  type TableSpec,
  type Where,
} from './store/types.ts';
import { INLINE_FALLBACK_PAGES, startWalCheckpointer, type WalCheckpointer } from './store/wal-checkpointer.ts';

export interface SqliteStoreOptions {
  /** How long a writer waits for another connection's lock before SQLITE_BUSY. */
  busyTimeoutMs?: number;
  /**
   * Where the WAL is copied back into the database file. 'inline' (the default): SQLite's
   * autocheckpoint, inside the commit that crosses 1000 pages. 'background': a worker thread
   * does it every `checkpointIntervalMs`, so its fsyncs never stall the caller's thread (see
   * store/wal-checkpointer.ts). Ignored for ':memory:'.
   */
  checkpoint?: 'inline' | 'background';
  /** How often the background checkpointer runs; default 200 ms. */
  checkpointIntervalMs?: number;
}

/**
 * The SQLite store (better-sqlite3 12, Node only). WAL journal so readers never block the
 * writer; synchronous=NORMAL, which in WAL mode survives a killed process (only an OS crash
 * may lose the last commits, never corrupt the file); foreign keys enforced.
 */
export function createSqliteStore(path = ':memory:', options: SqliteStoreOptions = {}): SqliteBackedStore {
  return new SqliteStore(path, options);
}

export interface SqliteBackedStore extends Store {
  /**
   * Settles once everything `close()` started has finished: the background checkpointer's
   * own connection closes a moment later (it may still be removing the -wal and -shm files).
   */
  closed(): Promise<void>;
}

type Db = InstanceType<typeof Database>;
type Statement = Database.Statement<unknown[], unknown>;

class SqliteStore implements SqliteBackedStore {
  readonly kind = 'sqlite' as const;
  readonly db: Db;
  private readonly tables = new Map<string, SqliteTable<Row>>();
  private readonly statements = new Map<string, Statement>();
  private checkpointer: WalCheckpointer | null = null;
  private closing: Promise<void> | undefined;
  /**
   * One wrapper for every transaction: better-sqlite3 builds four wrapped functions per
   * `db.transaction()` call, garbage for nothing on a per-request path. It nests (as a
   * savepoint) because the wrapper checks `inTransaction` on each call.
   */
  private readonly runner: Database.Transaction<(fn: () => unknown) => unknown>;

  constructor(path: string, options: SqliteStoreOptions) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('foreign_keys = ON');
    this.runner = this.db.transaction((fn: () => unknown) => {
      const result = fn();
      if (result && typeof (result as { then?: unknown }).then === 'function') {
        throw new TypeError('store.transaction: the function must be synchronous (it returned a promise)');
      }
      return result;
    });
    if (options.checkpoint === 'background' && !this.db.memory) {
      const interval = Math.max(10, Math.floor(options.checkpointIntervalMs ?? 200));
      this.db.pragma(`wal_autocheckpoint = ${INLINE_FALLBACK_PAGES}`);
      this.checkpointer = startWalCheckpointer(this.db.name, interval, () => {
        // Without the worker, checkpoints go back inside commits: slower answers, never an unbounded WAL.
        this.checkpointer = null;
        if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
      });
    }
  }

  /** Whether a worker thread is checkpointing the WAL (false for inline mode, ':memory:', or after it failed). */
  get backgroundCheckpoint(): boolean {
    return this.checkpointer !== null;
  }

  table<T extends Row>(spec: TableSpec<T>): Table<T> {
    const existing = this.tables.get(spec.name);
    if (existing) return existing as unknown as Table<T>;
    this.migrate(spec as unknown as TableSpec<Row>);
    const table = new SqliteTable<T>(this, spec);
    this.tables.set(spec.name, table as unknown as SqliteTable<Row>);
    return table;
  }

  registeredTables(): Table<Row>[] {
    return [...this.tables.values()];
  }

  /**
   * BEGIN IMMEDIATE: the write lock is taken up front, so a busy database fails (or waits
   * out busy_timeout) before the first statement, and never with a deferred read lock that
   * cannot be upgraded (SQLITE_BUSY without waiting) halfway through.
   */
  transaction<R>(fn: () => R): R {
    return (this.db.inTransaction ? this.runner(fn) : this.runner.immediate(fn)) as R;
  }



  close(): void {
    this.closing ??= this.checkpointer?.stop() ?? Promise.resolve();
    this.checkpointer = null;
    if (this.db.open) this.db.close();
  }

  closed(): Promise<void> {
    return this.closing ?? Promise.resolve();
  }

  statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare<unknown[], unknown>(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Creates the table, adds columns a newer spec declares, and creates missing indexes. */
  private migrate(spec: TableSpec<Row>): void {
    const columns = Object.entries(spec.columns as Record<string, ColumnSpec>);
    const fks = new Map((spec.foreignKeys ?? []).map((fk) => [fk.field as string, fk]));
    const ddl = (name: string, column: ColumnSpec): string => {
      const fk = fks.get(name);
      const references = fk ? ` REFERENCES "${fk.table}"("id") ON DELETE ${(fk.onDelete ?? 'restrict').toUpperCase()}` : '';
      // The id may itself point at another table's row (a one-to-one extension of it).
      if (name === 'id') return `"id" TEXT PRIMARY KEY NOT NULL${references}`;
      const type = { text: 'TEXT', integer: 'INTEGER', real: 'REAL', boolean: 'INTEGER', json: 'TEXT' }[column.type];
      let sql = `"${name}" ${type}`;
      if (!column.nullable) sql += ' NOT NULL';
      if (column.default !== undefined) sql += ` DEFAULT ${literal(column.default)}`;
      if (column.nocase) sql += ' COLLATE NOCASE';
      if (column.type === 'boolean') sql += ` CHECK ("${name}" IN (0, 1))`;
      return sql + references;
    };
    this.db.transaction(() => {
      this.db.exec(`CREATE TABLE IF NOT EXISTS "${spec.name}" (${columns.map(([n, c]) => ddl(n, c)).join(', ')}) STRICT`);
      const present = new Set(
        (this.db.prepare(`PRAGMA table_info("${spec.name}")`).all() as { name: string }[]).map((c) => c.name),
      );
      for (const [name, column] of columns) {
        if (present.has(name)) continue;
        if (!column.nullable && column.default === undefined) {
          throw new Error(`${spec.name}.${name}: a column added to an existing table needs nullable or a default`);
        }
        this.db.exec(`ALTER TABLE "${spec.name}" ADD COLUMN ${ddl(name, column)}`);
      }
      for (const index of spec.indexes ?? []) {
        const name = `idx_${spec.name}_${index.fields.join('_')}${index.unique ? '_unique' : ''}`;
        const fields = index.fields.map((f) => `"${f}"`).join(', ');
        this.db.exec(`CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS "${name}" ON "${spec.name}" (${fields})`);
      }
    })();
  }
}

function literal(value: string | number | boolean | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'number') return String(value);
  return `'${value.replace(/'/g, "''")}'`;
}

class SqliteTable<T extends Row> implements Table<T> {
  readonly spec: TableSpec<T>;
  private readonly columns: Record<string, ColumnSpec>;
  private readonly names: string[];
  /** Built once: these run on every request (a session or user read, a token insert). */
  private readonly getSql: string;
  private readonly insertSql: string;
  /** Rows of a table without json columns hold only primitives, so a spread copies them fully. */
  private readonly flat: boolean;

  constructor(private readonly store: SqliteStore, spec: TableSpec<T>) {
    this.spec = spec;
    this.columns = spec.columns as Record<string, ColumnSpec>;
    this.names = Object.keys(this.columns);
    this.getSql = `SELECT * FROM "${spec.name}" WHERE "id" = ?`;
    this.insertSql = `INSERT INTO "${spec.name}" (${this.names.map((n) => `"${n}"`).join(', ')}) VALUES (${this.names.map(() => '?').join(', ')})`;
    this.flat = this.names.every((name) => this.columns[name]!.type !== 'json');
  }

  get(id: string): T | undefined {
    const row = this.store.statement(this.getSql).get(id);
    return row ? this.fromDb(row as Record<string, unknown>) : undefined;
  }

  findOne(where: Where<T>): T | undefined {
    return this.find(where, { limit: 1 })[0];
  }

  find(where: Where<T> = {}, options: FindOptions<T> = {}): T[] {
    const [clause, params] = this.where(where);
    let sql = `SELECT * FROM "${this.spec.name}"${clause}`;
    if (options.orderBy?.length) {
      sql += ' ORDER BY ' + options.orderBy
        .map(({ field, direction }) => `"${this.column(field)}" ${direction === 'desc' ? 'DESC' : 'ASC'}`)
        .join(', ');
    }
    if (options.limit !== undefined || options.offset !== undefined) {
      sql += ' LIMIT ? OFFSET ?';
      params.push(options.limit ?? -1, options.offset ?? 0);
    }
    const rows = this.store.statement(sql).all(...params) as Record<string, unknown>[];
    return rows.map((row) => this.fromDb(row));
  }

  count(where: Where<T> = {}): number {
    const [clause, params] = this.where(where);
    const row = this.store.statement(`SELECT COUNT(*) AS n FROM "${this.spec.name}"${clause}`).get(...params);
    return (row as { n: number }).n;
  }

  insert(input: T): T {
    const values: unknown[] = [];
    const row: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      if (!(key in this.columns)) throw new Error(`insert(${this.spec.name}): unknown column ${key}`);
    }
    for (const name of this.names) {
      let value = (input as Record<string, unknown>)[name];
      if (value === undefined) value = this.columns[name]!.default ?? null;
      row[name] = value;
      values.push(this.toDb(name, value));
    }
    this.run(this.insertSql, values);
    return (this.flat ? { ...row } : structuredClone(row)) as T;
  }

  update(id: string, patch: Patch<T>): T | undefined {
    const [set, params] = this.set(patch);
    if (set) {
      const changed = this.run(`UPDATE "${this.spec.name}" SET ${set} WHERE "id" = ?`, [...params, id]);
      if (changed === 0) return undefined;
    }
    return this.get(id);
  }

  updateWhere(where: Where<T>, patch: Patch<T>): number {
    const [set, params] = this.set(patch);
    const [clause, whereParams] = this.where(where);
    if (!set) return this.count(where);
    return this.run(`UPDATE "${this.spec.name}" SET ${set}${clause}`, [...params, ...whereParams]);
  }

  delete(id: string): boolean {
    return this.run(`DELETE FROM "${this.spec.name}" WHERE "id" = ?`, [id]) > 0;
  }

  deleteWhere(where: Where<T>): number {
    const [clause, params] = this.where(where);
    return this.run(`DELETE FROM "${this.spec.name}"${clause}`, params);
  }

  private run(sql: string, params: unknown[]): number {
    try {
      return this.store.statement(sql).run(...params).changes;
    } catch (error) {
      throw this.translate(error);
    }
  }

  /** Turns SQLite's constraint errors into the store's own, so callers handle one type. */
  private translate(error: unknown): unknown {
    const code = (error as { code?: string }).code ?? '';
    const message = (error as Error).message ?? '';
    const fields = () =>
      (message.split(':')[1] ?? '').split(',').map((f) => f.trim().split('.').pop() ?? '').filter(Boolean);
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
      return new ConstraintError('unique', this.spec.name, fields());
    }
    if (code === 'SQLITE_CONSTRAINT_NOTNULL') return new ConstraintError('not_null', this.spec.name, fields());
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return new ConstraintError('foreign_key', this.spec.name, []);
    return error;
  }

  private column(field: string): string {
    if (!(field in this.columns)) throw new Error(`${this.spec.name}: unknown column ${field}`);
    return field;
  }

  private set(patch: Patch<T>): [string, unknown[]] {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [key, value] of Object.entries(patch)) {
      if (value === undefined) continue;
      if (key === 'id') throw new Error('update: the id cannot change');
      parts.push(`"${this.column(key)}" = ?`);
      params.push(this.toDb(key, value));
    }
    return [parts.join(', '), params];
  }

  private where(where: Where<T>): [string, unknown[]] {
    const parts: string[] = [];
    const params: unknown[] = [];
    for (const [field, condition] of Object.entries(where)) {
      if (condition === undefined) continue;
      const name = this.column(field);
      if (this.columns[name]!.type === 'json') throw new Error(`${this.spec.name}: json column ${name} cannot be queried`);
      const q = `"${name}"`;
      if (!isOperators(condition)) {
        if (condition === null) parts.push(`${q} IS NULL`);
        else {
          parts.push(`${q} = ?`);
          params.push(this.toDb(name, condition));
        }
        continue;
      }
      for (const [op, operand] of Object.entries(condition)) {
        if (operand === undefined) continue;
        if (op === 'in') {
          if (!Array.isArray(operand)) throw new Error('in: expects an array');
          const list = operand.filter((v) => v != null);
          if (list.length === 0) parts.push('0');
          else {
            parts.push(`${q} IN (${list.map(() => '?').join(', ')})`);
            params.push(...list.map((v) => this.toDb(name, v)));
          }
          continue;
        }
        const sqlOp = { eq: 'IS', ne: 'IS NOT', lt: '<', lte: '<=', gt: '>', gte: '>=' }[op];
        if (!sqlOp) throw new Error(`unknown operator ${op}`);
        if (operand === null && op !== 'eq' && op !== 'ne') throw new Error(`${op}: null is not comparable`);
        parts.push(`${q} ${sqlOp} ?`);
        params.push(this.toDb(name, operand));
      }
    }
    return [parts.length ? ` WHERE ${parts.join(' AND ')}` : '', params];
  }

  private toDb(name: string, value: unknown): unknown {
    if (value === null || value === undefined) return null;
    const type = this.columns[name]!.type;
    if (type === 'boolean') return value ? 1 : 0;
    if (type === 'json') return JSON.stringify(value);
    return value;
  }

  private fromDb(raw: Record<string, unknown>): T {
    const row: Record<string, unknown> = {};
    for (const name of this.names) {
      const value = raw[name] ?? null;
      const type = this.columns[name]!.type;
      row[name] = value === null ? null : type === 'boolean' ? value === 1 : type === 'json' ? JSON.parse(value as string) : value;
    }
    return row as T;
  }
}
