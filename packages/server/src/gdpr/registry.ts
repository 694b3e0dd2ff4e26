import { usersTable, type UserRow } from '../auth/users.ts';
import type { ColumnSpec, Row, Store, Table } from '../store/types.ts';
import { iso } from '../util.ts';

/**
 * Something the server holds about a user that a feature wants to export (or remove) its own
 * way. Most features need none: every table that points at `users` is found and exported on
 * its own (see UserDataRegistry.export).
 */
export interface UserDataSource {
  /** The key of this section in the export. */
  name: string;
  /** Tables this source speaks for; the automatic export leaves them to it. */
  tables?: readonly string[];
  export(user: UserRow): unknown;
  /** Called before anything is removed; throw an ApiError to refuse the deletion. */
  check?(user: UserRow): void;
  /** Runs inside the deletion transaction, before the user row goes (and its cascades with it). */
  remove?(user: UserRow): void;
}

/** Column names that hold secrets or their hashes: never exported, even to their owner. */
const SECRET_COLUMN = /(^|_)(hash|secret|private|password|token|verifier|nonce|jwk|key)(_|$)/;

/**
 * Everything the server holds on a user, found by the schema rather than by a list that a new
 * feature would have to remember to extend: a row belongs to the user when a column that
 * references `users` holds their id, or a column named `email` holds their address.
 */
export class UserDataRegistry {
  private readonly sources: UserDataSource[] = [];

  constructor(private readonly store: Store) {}

  register(source: UserDataSource): void {
    if (this.sources.some((s) => s.name === source.name)) throw new Error(`userData: "${source.name}" is registered twice`);
    this.sources.push(source);
  }

  export(user: UserRow): { sections: Record<string, unknown>; tables: Record<string, unknown[]>; redacted: Record<string, string[]> } {
    const sections: Record<string, unknown> = {};
    for (const source of this.sources) sections[source.name] = source.export(user);
    const tables: Record<string, unknown[]> = {};
    const redacted: Record<string, string[]> = {};
    for (const { table, rows } of this.ownedRows(user)) {
      const columns = table.spec.columns as Record<string, ColumnSpec>;
      const hidden = Object.keys(columns).filter((name) => SECRET_COLUMN.test(name));
      if (hidden.length) redacted[table.spec.name] = hidden;
      tables[table.spec.name] = rows.map((row) => exportRow(row as unknown as Record<string, unknown>, columns, hidden));
    }
    return { sections, tables, redacted };
  }

  /** Throws the first refusal (e.g. the last owner of an organization with other members). */
  check(user: UserRow): void {
    for (const source of this.sources) source.check?.(user);
  }

  /**
   * Removes the user: the sources' own removals, then rows that name the user by a column the
   * database will not cascade or null, then the user row, whose cascades take the rest.
   * Call inside one store transaction.
   */
  remove(user: UserRow): void {
    for (const source of this.sources) source.remove?.(user);
    for (const table of this.store.registeredTables()) {
      if (table.spec.name === usersTable.name) continue;
      const toUsers = (table.spec.foreignKeys ?? []).filter((fk) => fk.table === usersTable.name);
      // The database handles cascade and set null; a row that would block the delete, or a
      // user_id with no foreign key at all, is removed here.
      const handled = new Set(toUsers.filter((fk) => fk.onDelete === 'cascade' || fk.onDelete === 'set null').map((fk) => fk.field as string));
      const fields = new Set(toUsers.map((fk) => fk.field as string));
      if ('user_id' in table.spec.columns) fields.add('user_id');
      for (const field of fields) {
        if (!handled.has(field)) (table as unknown as Table<Row & Record<string, string>>).deleteWhere({ [field]: user.id });
      }
    }
    const users = this.store.table(usersTable);
    users.delete(user.id);
  }

  private ownedRows(user: UserRow): { table: Table<Row>; rows: Row[] }[] {
    const claimed = new Set(this.sources.flatMap((s) => s.tables ?? []));
    const found: { table: Table<Row>; rows: Row[] }[] = [];
    for (const table of this.store.registeredTables()) {
      const name = table.spec.name;
      if (name === usersTable.name || claimed.has(name)) continue;
      const columns = table.spec.columns as Record<string, ColumnSpec>;
      const byId = new Set((table.spec.foreignKeys ?? []).filter((fk) => fk.table === usersTable.name).map((fk) => fk.field as string));
      if ('user_id' in columns) byId.add('user_id');
      const rows = new Map<string, Row>();
      const where = table as unknown as Table<Row & Record<string, string>>;
      for (const field of byId) for (const row of where.find({ [field]: user.id })) rows.set(row.id, row);
      // By address only once it is proven the user's: anyone can sign up with an address they
      // do not own, and must not read what was sent to it (an invitation and its message, say).
      if (user.email_verified && columns['email']?.type === 'text') for (const row of where.find({ email: user.email })) rows.set(row.id, row);
      if (rows.size) found.push({ table, rows: [...rows.values()] });
    }
    return found;
  }
}

/** Times (`*_at` integers) as ISO 8601, like every API answer; secret columns left out. */
function exportRow(row: Record<string, unknown>, columns: Record<string, ColumnSpec>, hidden: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) {
    if (hidden.includes(name)) continue;
    out[name] = name.endsWith('_at') && columns[name]?.type === 'integer' && typeof value === 'number' ? iso(value) : value;
  }
  return out;
}
