/**
 * The storage contract. Every feature declares its own tables with `defineTable` in its own
 * module and asks the store for them with `store.table(spec)`; the SQLite store creates (and
 * extends) the schema on first use, the memory store keeps maps and indexes. Both are
 * synchronous, so a multi-row write is a plain function passed to `store.transaction`, and no
 * `await` can slip between its statements.
 */

export type ColumnType = 'text' | 'integer' | 'real' | 'boolean' | 'json';

export interface ColumnSpec {
  type: ColumnType;
  nullable?: boolean;
  /** ASCII case-insensitive comparison, ordering and uniqueness (SQLite's NOCASE). */
  nocase?: boolean;
  /** Used when an insert leaves the column undefined; required to add a NOT NULL column later. */
  default?: string | number | boolean | null;
}

export interface IndexSpec<T> {
  fields: readonly (keyof T & string)[];
  unique?: boolean;
}

export interface ForeignKeySpec<T> {
  field: keyof T & string;
  /** The referenced table's name; rows are referenced by their `id`. */
  table: string;
  onDelete?: 'cascade' | 'set null' | 'restrict';
}

export interface Row {
  id: string;
}

export interface TableSpec<T extends Row> {
  name: string;
  columns: { readonly [K in keyof T & string]-?: ColumnSpec };
  indexes?: readonly IndexSpec<T>[];
  foreignKeys?: readonly ForeignKeySpec<T>[];
}

export type Operators<V> = {
  eq?: V;
  ne?: V;
  lt?: V;
  lte?: V;
  gt?: V;
  gte?: V;
  in?: readonly V[];
};

/** A bare value means equality (`null` means IS NULL); an object holds operators, ANDed. */
export type Condition<V> = V | Operators<V>;

export type Where<T> = { [K in keyof T]?: Condition<T[K]> };

export interface FindOptions<T> {
  orderBy?: readonly { field: keyof T & string; direction?: 'asc' | 'desc' }[];
  limit?: number;
  offset?: number;
}

export type Patch<T> = Partial<Omit<T, 'id'>>;

export interface Table<T extends Row> {
  readonly spec: TableSpec<T>;
  get(id: string): T | undefined;
  findOne(where: Where<T>): T | undefined;
  find(where?: Where<T>, options?: FindOptions<T>): T[];
  count(where?: Where<T>): number;
  /** Throws `ConstraintError` on a unique, not-null or foreign-key violation. */
  insert(row: T): T;
  /** Returns the updated row, or undefined when no row has that id. */
  update(id: string, patch: Patch<T>): T | undefined;
  updateWhere(where: Where<T>, patch: Patch<T>): number;
  delete(id: string): boolean;
  deleteWhere(where: Where<T>): number;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite';
  /** Registers the table on first call (creating or extending its schema) and returns it. */
  table<T extends Row>(spec: TableSpec<T>): Table<T>;
  /**
   * Every table registered so far, in registration order. Cross-cutting code (the GDPR export,
   * store snapshots in tests) walks these instead of importing each feature's specs.
   */
  registeredTables(): Table<Row>[];
  /**
   * Runs `fn` atomically: if it throws, every write it made is undone. Nested calls are
   * savepoints. `fn` must be synchronous; returning a promise is refused and rolled back.
   */
  transaction<R>(fn: () => R): R;
  close(): void;
}

export type ConstraintKind = 'unique' | 'not_null' | 'foreign_key';

export class ConstraintError extends Error {
  readonly kind: ConstraintKind;
  readonly table: string;
  readonly fields: readonly string[];

  constructor(kind: ConstraintKind, table: string, fields: readonly string[], message?: string) {
    super(message ?? `${kind} constraint failed: ${table}(${fields.join(', ')})`);
    this.name = 'ConstraintError';
    this.kind = kind;
    this.table = table;
    this.fields = fields;
  }
}

const IDENT = /^[a-z_][a-z0-9_]*$/;

/**
 * Declares a table. Names become SQL identifiers, so they are checked here, once, rather than
 * escaped everywhere. Every table has a text `id` primary key.
 */
export function defineTable<T extends Row>(spec: TableSpec<T>): TableSpec<T> {
  const check = (name: string, what: string) => {
    if (!IDENT.test(name)) throw new Error(`defineTable: invalid ${what} name "${name}"`);
  };
  check(spec.name, 'table');
  const columns = spec.columns as Record<string, ColumnSpec>;
  if (!columns['id'] || columns['id'].type !== 'text') {
    throw new Error(`defineTable(${spec.name}): an "id" text column is required`);
  }
  for (const column of Object.keys(columns)) check(column, 'column');
  for (const index of spec.indexes ?? []) {
    for (const field of index.fields) {
      if (!(field in columns)) throw new Error(`defineTable(${spec.name}): index on unknown column ${field}`);
    }
  }
  for (const fk of spec.foreignKeys ?? []) {
    check(fk.table, 'table');
    if (!(fk.field in columns)) throw new Error(`defineTable(${spec.name}): foreign key on unknown column ${fk.field}`);
  }
  return spec;
}

/** The folding SQLite's NOCASE applies: ASCII letters only. */
export function foldCase(value: string): string {
  return value.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

export function isOperators(value: unknown): value is Operators<unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
