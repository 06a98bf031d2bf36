// The demo account made on first run with the embedded database, so a new user can sign in straight away.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createAccount } from './accounts'
import type { Store } from './db'

export async function ensureDemoAccount(store: Store, dataDir: string): Promise<{ email: string; password: string }> {
  const file = join(dataDir, 'demo-account.json')
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { email: string; password: string }
  const demo = { email: 'demo@tenfoot.tv', password: randomBytes(6).toString('base64url') }
  await createAccount(store.db, { ...demo, name: 'Demo Viewer', planId: 'standard' })
  writeFileSync(file, JSON.stringify(demo), { mode: 0o600 })
  return demo
}
