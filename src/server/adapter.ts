// oidc-provider's storage contract (the 7 methods) on one table, indexed by grant, user code, uid and account.
import type { Adapter, AdapterPayload } from 'oidc-provider'
import type { Store } from './db'

/** Expired rows are still returned for a day, so a late poll hears `expired_token` rather than "not found". */
const GRACE_MS = 24 * 3600 * 1000

export function createAdapter(store: Store) {
  const { db } = store
  return class DbAdapter implements Adapter {
    constructor(readonly name: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        payload: JSON.stringify(payload),
        grant_id: payload.grantId ?? (this.name === 'Grant' ? id : null),
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        account_id: payload.accountId ?? null,
        expires_at: expiresIn ? Date.now() + expiresIn * 1000 : null,
      }
      await db
        .insertInto('oidc_models')
        .values({ kind: this.name, id, consumed_at: null, ...row })
        .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet(row))
        .execute()
    }

    private async one(column: 'id' | 'user_code' | 'uid', value: string): Promise<AdapterPayload | undefined> {
      const row = await db.selectFrom('oidc_models').selectAll().where('kind', '=', this.name).where(column, '=', value).executeTakeFirst()
      if (!row || (row.expires_at !== null && row.expires_at + GRACE_MS < Date.now())) return undefined
      const payload = JSON.parse(row.payload) as AdapterPayload
      return row.consumed_at ? { ...payload, consumed: Math.floor(row.consumed_at / 1000) } : payload
    }

    find(id: string) {
      return this.one('id', id)
    }

    findByUserCode(userCode: string) {
      return this.one('user_code', userCode)
    }

    findByUid(uid: string) {
      return this.one('uid', uid)
    }

    async consume(id: string): Promise<void> {
      await db.updateTable('oidc_models').set({ consumed_at: Date.now() }).where('kind', '=', this.name).where('id', '=', id).execute()
    }

    async destroy(id: string): Promise<void> {
      await db.deleteFrom('oidc_models').where('kind', '=', this.name).where('id', '=', id).execute()
    }

    /** Everything issued under a grant goes at once: the grant, its access and refresh tokens, its device code. */
    async revokeByGrantId(grantId: string): Promise<void> {
      await db.deleteFrom('oidc_models').where('grant_id', '=', grantId).execute()
    }
  }
}

/** Removes rows long past expiry; run now and then, never on a request's path. */
export async function sweepExpired(store: Store): Promise<number> {
  const r = await store.db.deleteFrom('oidc_models').where('expires_at', '<', Date.now() - GRACE_MS).executeTakeFirst()
  await store.db.deleteFrom('device_polls').where('last_poll_at', '<', Date.now() - GRACE_MS).execute()
  return Number(r.numDeletedRows)
}
