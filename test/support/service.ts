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

/** Real tokens for an account, kept the way the TV keeps them after signing in (through Use Remote's endpoint). */
export async function tvSession(service: { url: string }, deviceName = 'Test TV', account = demo) {
  const res = await fetch(`${service.url}/api/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: 'tenfoot-tv', email: account.email, password: account.password, device_name: deviceName, device_platform: 'Web browser', device_model: 'Chromium' }),
  })
  if (res.status !== 200) throw new Error(`signing in ${deviceName} failed: ${res.status} ${await res.text()}`)
  const t = (await res.json()) as { access_token: string; refresh_token: string; expires_in: number }
  return { accessToken: t.access_token, refreshToken: t.refresh_token, expiresAt: Date.now() + t.expires_in * 1000 }
}
