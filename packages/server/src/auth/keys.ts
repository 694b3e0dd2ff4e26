import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';
import { defineTable, type Store, type Table } from '../store/types.ts';
import { randomToken } from '../util.ts';

export const SIGNING_ALG = 'ES256';

export interface SigningKeyRow {
  /** The `kid` published in JWKS and set in token headers. */
  id: string;
  alg: string;
  public_jwk: JWK;
  private_jwk: JWK;
  created_at: number;
  retired_at: number | null;
}

export const signingKeysTable = defineTable<SigningKeyRow>({
  name: 'signing_keys',
  columns: {
    id: { type: 'text' },
    alg: { type: 'text' },
    public_jwk: { type: 'json' },
    private_jwk: { type: 'json' },
    created_at: { type: 'integer' },
    retired_at: { type: 'integer', nullable: true },
  },
  indexes: [{ fields: ['retired_at'] }],
});

/**
 * The token signing keys: a list, newest active key signs, every key whose tokens may still be
 * alive is published. ES256 because every Web Crypto (Node 20, Chromium, Firefox, WebKit)
 * implements P-256, so the browser build signs the same way.
 */
export class KeyRing {
  private readonly table: Table<SigningKeyRow>;
  private readonly imported = new Map<string, Promise<CryptoKey>>();
  private activeKey: Promise<{ kid: string; key: CryptoKey; createdAt: number }> | null = null;
  /** When the active key was last checked against the table (another process may have rotated). */
  private checkedAt = 0;
  private cache: { at: number; rows: SigningKeyRow[] } | null = null;

  constructor(
    store: Store,
    private readonly now: () => number,
    /** How long a retired key stays published: at least the access-token lifetime. */
    private readonly retainMs: number,
    /** The signer is replaced once it is this old (ms); 0 or undefined: only by rotate(). */
    private readonly rotateAfterMs = 0,
  ) {
    this.table = store.table(signingKeysTable);
  }

  /** The signing key, created and persisted on first use, replaced once it reaches its rotation age. */
  active(): Promise<{ kid: string; key: CryptoKey }> {
    const now = this.now();
    if (this.activeKey && now - this.checkedAt > 5_000) {
      this.checkedAt = now;
      // Chained on the current promise, so concurrent callers share one check and at most one rotation.
      this.activeKey = this.activeKey.then(async (current) => {
        const newest = this.newest();
        if (newest && newest.id !== current.kid) return this.load(newest);
        if (this.due(current.createdAt)) return this.load(await this.replace());
        return current;
      });
    }
    this.activeKey ??= (async () => {
      this.checkedAt = this.now();
      const row = this.newest() ?? (await this.generate());
      return this.load(this.due(row.created_at) ? await this.replace() : row);
    })();
    this.activeKey.catch(() => (this.activeKey = null));
    return this.activeKey;
  }

  /** Makes a new key the signer and retires the others; they stay published for `retainMs`. */
  async rotate(): Promise<string> {
    const row = await this.replace();
    this.activeKey = null;
    return row.id;
  }

  private due(createdAt: number): boolean {
    return this.rotateAfterMs > 0 && this.now() - createdAt >= this.rotateAfterMs;
  }

  private async load(row: SigningKeyRow): Promise<{ kid: string; key: CryptoKey; createdAt: number }> {
    return { kid: row.id, key: await this.privateKey(row), createdAt: row.created_at };
  }

  private async replace(): Promise<SigningKeyRow> {
    const row = await this.generate();
    // Every other key retires, one another process may have just made included: one signer at a time.
    this.table.updateWhere({ retired_at: null, id: { ne: row.id } }, { retired_at: this.now() });
    this.cache = null;
    return row;
  }

  private newest(): SigningKeyRow | undefined {
    return this.table.find({ retired_at: null }, { orderBy: [{ field: 'created_at', direction: 'desc' }], limit: 1 })[0];
  }

  /** Public keys for `/.well-known/jwks.json`. */
  async jwks(): Promise<{ keys: JWK[] }> {
    await this.active();
    return { keys: this.published().map((row) => ({ ...row.public_jwk, kid: row.id, alg: row.alg, use: 'sig' })) };
  }

  /** The verification key for a `kid`, if that key is still published. */
  async verificationKey(kid: string): Promise<CryptoKey | undefined> {
    // A kid we have not seen may be a key another process just made: look once more in the table.
    let row = this.published().find((r) => r.id === kid);
    if (!row) row = this.published(true).find((r) => r.id === kid);
    if (!row) return undefined;
    let key = this.imported.get(kid);
    if (!key) {
      key = importJWK(row.public_jwk, row.alg) as Promise<CryptoKey>;
      this.imported.set(kid, key);
    }
    return key;
  }

  /** Read from the table at most every few seconds: verification runs on every request. */
  private published(fresh = false): SigningKeyRow[] {
    const now = this.now();
    if (fresh || !this.cache || now - this.cache.at > 5_000 || now < this.cache.at) {
      this.cache = { at: now, rows: this.table.find({}, { orderBy: [{ field: 'created_at', direction: 'desc' }] }) };
    }
    const cutoff = now - this.retainMs;
    return this.cache.rows.filter((row) => row.retired_at === null || row.retired_at > cutoff);
  }

  private privateKey(row: SigningKeyRow): Promise<CryptoKey> {
    return importJWK(row.private_jwk, row.alg) as Promise<CryptoKey>;
  }

  private async generate(): Promise<SigningKeyRow> {
    const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALG, { extractable: true });
    const [public_jwk, private_jwk] = await Promise.all([exportJWK(publicKey), exportJWK(privateKey)]);
    const created = this.now();
    const row: SigningKeyRow = {
      id: randomToken(12),
      alg: SIGNING_ALG,
      public_jwk,
      private_jwk,
      created_at: created,
      retired_at: null,
    };
    this.cache = null;
    return this.table.insert(row);
  }
}
