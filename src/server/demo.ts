// The demo account made on first run with the embedded database, so a new user can sign in straight away.
import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createAccount, findAccountByEmail } from './accounts'
import { inDataDir } from './config'
import type { Store } from './db'

/**
 * The password is written down before the account is made, so a start killed half-way can always finish the job
 * on the next start: never an account whose password nobody knows, never a start that fails on "email taken".
 */
export async function ensureDemoAccount(store: Store, dataDir: string): Promise<{ email: string; password: string }> {
  const file = join(dataDir, 'demo-account.json')
  if (!existsSync(file)) {
    const fresh = { email: 'demo@tenfoot.tv', password: randomBytes(6).toString('base64url') }
    inDataDir(dataDir, () => {
      writeFileSync(`${file}.tmp`, JSON.stringify(fresh), { mode: 0o600 })
      renameSync(`${file}.tmp`, file)
    })
  }
  const demo = JSON.parse(readFileSync(file, 'utf8')) as { email: string; password: string }
  if (!(await findAccountByEmail(store.db, demo.email))) await createAccount(store.db, { ...demo, name: 'Demo Viewer', planId: 'standard' })
  return demo
}
