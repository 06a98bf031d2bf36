// The TV's stored session in SDK Storage: read at launch, wiped at sign-out. Anything malformed counts as signed out.
import type { Session } from './flow/types'
import { storage } from './sdk'

export const SESSION_KEY = 'tenfoot.session'

export function loadSession(): Session | null {
  const value = storage.get<unknown>(SESSION_KEY)
  if (value && typeof value === 'object' && typeof (value as Session).accessToken === 'string') return value as Session
  return null
}

export function saveSession(session: Session): void {
  storage.set(SESSION_KEY, session)
}

export function wipeSession(): void {
  storage.remove(SESSION_KEY)
}
