// The TV's stored session in SDK Storage, plus revocations still owed to the service after an offline sign-out.
import type { SessionStore } from './flow/actors'
import type { Session } from './flow/types'
import { storage } from './sdk'

export const SESSION_KEY = 'tenfoot.session'
const PENDING_KEY = 'tenfoot.pendingRevocations'

const isSession = (v: unknown): v is Session => !!v && typeof v === 'object' && typeof (v as Session).accessToken === 'string'

export const sessionStore: SessionStore = {
  // Anything malformed counts as signed out rather than crashing the launch.
  load: () => {
    const value = storage.get<unknown>(SESSION_KEY)
    return isSession(value) ? value : null
  },
  save: (session) => void storage.set(SESSION_KEY, session),
  wipe: () => storage.remove(SESSION_KEY),
  pendingRevocations: () => {
    const list = storage.get<unknown>(PENDING_KEY)
    return Array.isArray(list) ? list.filter(isSession) : []
  },
  setPendingRevocations: (list) => (list.length ? void storage.set(PENDING_KEY, list) : storage.remove(PENDING_KEY)),
}
