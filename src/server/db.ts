// The database: Kysely over a SQLite file by default, or PostgreSQL when DATABASE_URL is set. Migrations live here, in code.
import Database from 'better-sqlite3'
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type Migration } from 'kysely'
import { join } from 'node:path'
import pg from 'pg'

export interface DB {
  oidc_models: {
    kind: string
    id: string
    payload: string
    grant_id: string | null
    user_code: string | null
    uid: string | null
    account_id: string | null
    expires_at: number | null
    consumed_at: number | null
  }
  accounts: { id: string; email: string; name: string; password_hash: string; plan_id: string | null; created_at: number }
  devices: {
    id: string
    account_id: string
    kind: 'tv' | 'web'
    grant_id: string | null
    name: string
    platform: string
    model: string
    ip: string
    signed_in_at: number
    last_active_at: number
    revoked_at: number | null
  }
  device_polls: { code_hash: string; last_poll_at: number; interval: number }
  service_keys: { id: string; value: string }
}

export interface Store {
  db: Kysely<DB>
  dialect: 'sqlite' | 'postgres'
  /** The raw client, for libraries that bring their own SQL (the rate limiter). */
  sqlite?: Database.Database
  pool?: pg.Pool
  close(): Promise<void>
}

const migrations: Record<string, Migration> = {
  '001_init': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('oidc_models')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('user_code', 'text')
        .addColumn('uid', 'text')
        .addColumn('account_id', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('consumed_at', 'bigint')
        .addPrimaryKeyConstraint('oidc_models_pk', ['kind', 'id'])
        .execute()
      for (const col of ['grant_id', 'user_code', 'uid', 'account_id', 'expires_at']) {
        await db.schema.createIndex(`oidc_models_${col}`).on('oidc_models').column(col).execute()
      }
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('email', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('plan_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute()
      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text', (c) => c.unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('model', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('signed_in_at', 'bigint', (c) => c.notNull())
        .addColumn('last_active_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute()
      await db.schema.createIndex('devices_account').on('devices').column('account_id').execute()
      await db.schema
        .createTable('device_polls')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('last_poll_at', 'bigint', (c) => c.notNull())
        .addColumn('interval', 'integer', (c) => c.notNull())
        .execute()
    },
  },
  // Instances sharing one PostgreSQL must sign and check with the same keys: the first one to start stores its own.
  '002_service_keys': {
    async up(db: Kysely<unknown>) {
      await db.schema.createTable('service_keys').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('value', 'text', (c) => c.notNull()).execute()
    },
  },
  // The rate limiter's table, in the layout rate-limiter-flexible expects. Made here, under the migration lock, because
  // the limiter's own CREATE TABLE IF NOT EXISTS races when several limiters or instances start at once on PostgreSQL
  // (42P07 "relation already exists"). Services that ran before this migration already have it, hence ifNotExists.
  '003_rate_limits': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('rate_limits')
        .ifNotExists()
        .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
        .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('expire', 'bigint')
        .execute()
    },
  },
}

/** The keys every instance uses: this instance's are stored unless another instance stored its keys first. */
export async function sharedKeys<K>(store: Store, local: K): Promise<K> {
  await store.db.insertInto('service_keys').values({ id: 'service', value: JSON.stringify(local) }).onConflict((oc) => oc.column('id').doNothing()).execute()
  const row = await store.db.selectFrom('service_keys').select('value').where('id', '=', 'service').executeTakeFirstOrThrow()
  return JSON.parse(row.value) as K
}

export async function openStore(opts: { databaseUrl: string | null; dataDir: string }): Promise<Store> {
  let store: Store
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 })
    // Epoch milliseconds come back as numbers, not strings.
    pg.types.setTypeParser(20, (v) => Number(v))
    store = { db: new Kysely<DB>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres', pool, close: () => pool.end() }
  } else {
    const sqlite = new Database(join(opts.dataDir, 'tenfoot.db'))
    // WAL + NORMAL: durable across a process kill, and fast (NOTES.md: 36k single inserts/s).
    sqlite.pragma('journal_mode = WAL')
    sqlite.pragma('synchronous = NORMAL')
    sqlite.pragma('busy_timeout = 5000')
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
    store = { db, dialect: 'sqlite', sqlite, close: () => db.destroy() }
  }
  const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => migrations } })
  const { error } = await migrator.migrateToLatest()
  if (error) throw error
  return store
}

/** Runs work in one transaction: all of it lands or none of it does. */
export function transaction<T>(store: Store, work: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return store.db.transaction().execute(work)
}

export { sql }
