// Starts the real account service in-process on 127.0.0.1 and a free port, with a fresh data folder.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createAccount } from '../../src/server/accounts'
import { startServer, type StartOptions } from '../../src/server/app'

export const demo = { email: 'viewer@example.com', password: 'correct horse battery' }

export async function startService(opts: StartOptions = {}) {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'tenfoot-test-'))
  const service = await startServer({ port: 0, host: '127.0.0.1', env: { NODE_ENV: 'test' }, ...opts, dataDir })
  return { ...service, dataDir }
}

export async function withAccount(service: Awaited<ReturnType<typeof startService>>, account = demo) {
  await createAccount(service.store.db, { ...account, name: 'Test Viewer' }).catch(() => undefined)
  return account
}
