// Devices signed in to an account: TVs (one OAuth grant each) and web browsers. Signing one out revokes it for real.
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { findAccount } from './accounts'
import type { DB, Store } from './db'
import type { SignOutBus } from './events'

export type Device = DB['devices']

const clip = (s: unknown, n: number) => (typeof s === 'string' ? s.replace(/[\u0000-\u001f]/g, '').trim().slice(0, n) : '')

export interface DeviceDescription {
  name?: unknown
  platform?: unknown
  model?: unknown
}

/** A TV's description as it sent it, made safe to store and show. */
export function describe(d: DeviceDescription) {
  return { name: clip(d.name, 60) || 'TV', platform: clip(d.platform, 40) || 'TV', model: clip(d.model, 60) }
}

export async function recordTv(db: Kysely<DB>, input: { accountId: string; grantId: string; ip: string } & DeviceDescription): Promise<void> {
  const now = Date.now()
  await db
    .insertInto('devices')
    .values({ id: randomUUID(), account_id: input.accountId, kind: 'tv', grant_id: input.grantId, ip: input.ip, signed_in_at: now, last_active_at: now, revoked_at: null, ...describe(input) })
    .onConflict((oc) => oc.column('grant_id').doNothing())
    .execute()
}

export async function recordWeb(db: Kysely<DB>, input: { accountId: string; ip: string; userAgent: string }): Promise<string> {
  const id = randomUUID()
  const now = Date.now()
  const browser = /(Edg|Chrome|Firefox|Safari)\/\d+/.exec(input.userAgent)?.[1]?.replace('Edg', 'Edge') ?? 'Web browser'
  const mobile = /Mobile|Android|iPhone/.test(input.userAgent)
  await db
    .insertInto('devices')
    .values({ id, account_id: input.accountId, kind: 'web', grant_id: null, name: mobile ? 'Phone browser' : 'Web browser', platform: 'Web', model: browser, ip: input.ip, signed_in_at: now, last_active_at: now, revoked_at: null })
    .execute()
  return id
}

export function listDevices(db: Kysely<DB>, accountId: string): Promise<Device[]> {
  return db.selectFrom('devices').selectAll().where('account_id', '=', accountId).where('revoked_at', 'is', null).orderBy('signed_in_at', 'desc').execute()
}

export function findActive(db: Kysely<DB>, by: { id?: string; grantId?: string }): Promise<Device | undefined> {
  let q = db.selectFrom('devices').selectAll().where('revoked_at', 'is', null)
  if (by.id) q = q.where('id', '=', by.id)
  if (by.grantId) q = q.where('grant_id', '=', by.grantId)
  return q.executeTakeFirst()
}

/** The signed cookie that names this browser's web session: a `web` row in the account's device list. */
export const WEB_SESSION_COOKIE = 'tf_session'

/** The account this browser is signed in to on the account's web pages, and its device row, while that session lasts. */
export async function webSession(db: Kysely<DB>, cookies: { get(name: string, options: { signed: boolean }): string | undefined }) {
  const id = cookies.get(WEB_SESSION_COOKIE, { signed: true })
  const device = id ? await findActive(db, { id }) : undefined
  if (device?.kind !== 'web') return null
  const account = await findAccount(db, device.account_id)
  return account ? { device, account } : null
}

/** One of this account's devices, signed out or not: to name it on the page that says it was signed out. */
export function findOwnDevice(db: Kysely<DB>, accountId: string, id: string): Promise<Device | undefined> {
  return db.selectFrom('devices').selectAll().where('account_id', '=', accountId).where('id', '=', id).executeTakeFirst()
}

export async function touch(db: Kysely<DB>, id: string, ip: string): Promise<void> {
  await db.updateTable('devices').set({ last_active_at: Date.now(), ip }).where('id', '=', id).execute()
}

/**
 * Sign devices out: in one transaction mark them revoked and delete every token of their grants, so a crash leaves
 * either all of it done or none; then tell any listening TV at once.
 */
export async function signOut(store: Store, bus: SignOutBus, accountId: string, deviceIds: string[] | 'all'): Promise<number> {
  const signedOut = await store.db.transaction().execute(async (trx) => {
    let q = trx.selectFrom('devices').selectAll().where('account_id', '=', accountId).where('revoked_at', 'is', null)
    if (deviceIds !== 'all') q = q.where('id', 'in', deviceIds.length ? deviceIds : [''])
    const devices = await q.execute()
    // Every device includes the phones whose browsers are still signed in for TV sign-in (oidc-provider's sessions):
    // without this, such a phone could confirm the next TV with no password.
    if (deviceIds === 'all') await trx.deleteFrom('oidc_models').where('kind', '=', 'Session').where('account_id', '=', accountId).execute()
    if (devices.length === 0) return []
    await trx.updateTable('devices').set({ revoked_at: Date.now() }).where('id', 'in', devices.map((d) => d.id)).execute()
    const grants = devices.map((d) => d.grant_id).filter((g): g is string => !!g)
    if (grants.length) await trx.deleteFrom('oidc_models').where('grant_id', 'in', grants).execute()
    return devices
  })
  await Promise.all(signedOut.map((d) => (d.grant_id ? bus.publish(d.grant_id) : undefined)))
  return signedOut.length
}

/** A grant ended by oidc-provider itself (the TV revoked its own token): the device is gone too. */
export async function grantEnded(db: Kysely<DB>, bus: SignOutBus, grantId: string): Promise<void> {
  await db.updateTable('devices').set({ revoked_at: Date.now() }).where('grant_id', '=', grantId).where('revoked_at', 'is', null).execute()
  await bus.publish(grantId)
}
