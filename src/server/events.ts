// Sign-out events for the session streams. In one process an emitter; several instances on PostgreSQL share them via LISTEN/NOTIFY.
import { EventEmitter } from 'node:events'
import type pg from 'pg'

export interface SignOutBus {
  publish(grantId: string): Promise<void>
  subscribe(grantId: string, onSignedOut: () => void): () => void
  close(): Promise<void>
}

export function memoryBus(): SignOutBus {
  const emitter = new EventEmitter()
  emitter.setMaxListeners(0)
  return {
    publish: async (grantId) => void emitter.emit(grantId),
    subscribe: (grantId, fn) => {
      emitter.on(grantId, fn)
      return () => emitter.off(grantId, fn)
    },
    close: async () => void emitter.removeAllListeners(),
  }
}

const CHANNEL = 'tenfoot_signed_out'

export async function postgresBus(pool: pg.Pool): Promise<SignOutBus> {
  const local = memoryBus()
  const listener = await pool.connect()
  listener.on('notification', (n) => {
    if (n.channel === CHANNEL && n.payload) void local.publish(n.payload)
  })
  await listener.query(`LISTEN ${CHANNEL}`)
  return {
    // Every instance, this one included, hears it through the database.
    publish: async (grantId) => void (await pool.query('SELECT pg_notify($1, $2)', [CHANNEL, grantId])),
    subscribe: local.subscribe,
    close: async () => {
      await listener.query(`UNLISTEN ${CHANNEL}`).catch(() => undefined)
      listener.release()
      await local.close()
    },
  }
}
