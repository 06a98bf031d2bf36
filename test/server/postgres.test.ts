// Scale-out: two service instances share one real PostgreSQL, as behind a load balancer with one PUBLIC_URL.
import * as oauth from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Phone, text } from '../support/phone'
import { startPostgres, type Postgres } from '../support/postgres'
import { startService, withAccount } from '../support/service'
import { ServiceProcess } from '../support/serviceProcess'
import pg from 'pg'
import { accountPhone, approveOnPhone, listen, session, tvParams } from '../support/tvApi'

type Service = Awaited<ReturnType<typeof startService>>
let db: Postgres
let a: Service
let b: Service

beforeAll(async () => {
  db = await startPostgres()
  const env = { NODE_ENV: 'test', DATABASE_URL: db.url }
  a = await startService({ env })
  // Separate data folders: what they share is the database, keys included.
  b = await startService({ env, publicUrl: a.url })
  await withAccount(a)
}, 60_000)

afterAll(async () => {
  await a?.close()
  await b?.close()
  await db?.stop()
})

/** openid-client as the TV, talking to instance B only. */
function tvOnB() {
  const config = new oauth.Configuration({ issuer: a.url, device_authorization_endpoint: `${b.url}/device/auth`, token_endpoint: `${b.url}/token` }, 'tenfoot-tv', { id_token_signed_response_alg: 'ES256' }, oauth.None())
  oauth.allowInsecureRequests(config)
  return config
}

describe('two instances on one PostgreSQL', () => {
  let accessToken = ''

  it('When a TV polls instance B and the phone approves through instance A, then the TV gets tokens that both instances accept', { timeout: 30_000 }, async () => {
    expect(a.store.dialect).toBe('postgres')
    const config = tvOnB()
    const auth = await oauth.initiateDeviceAuthorization(config, tvParams)
    expect(auth.verification_uri_complete?.startsWith(a.url)).toBe(true)
    const done = await approveOnPhone(new Phone(a.url), auth.verification_uri_complete ?? '', auth.user_code)
    expect(text(done)).toContain('is signing in now')
    const tokens = await oauth.pollDeviceAuthorizationGrant(config, auth)
    accessToken = tokens.access_token
    expect((await session(a.url, accessToken)).status).toBe(200)
    expect((await session(b.url, accessToken)).status).toBe(200)
  })

  it('When Sign Out of All Devices is chosen on A, then the TV whose stream is on B hears signed-out within 5 s, via LISTEN/NOTIFY', { timeout: 20_000 }, async () => {
    expect(accessToken).not.toBe('')
    const stream = listen(b.url, accessToken)
    await stream.ready
    const { phone, devices } = await accountPhone(a.url)
    const started = Date.now()
    await phone.submit(devices, { confirm: 'yes' }, /sign-out-all/)
    const event = await Promise.race([stream.event, new Promise((r) => setTimeout(() => r('timeout'), 5_000))])
    stream.close()
    expect(event).toBe('signed-out')
    expect(Date.now() - started).toBeLessThan(5_000)
    expect((await session(b.url, accessToken)).status).toBe(401)
  })

  it('When wrong codes are spread across both instances, then the limit is shared: 5 on A and the next on B is refused with 429', async () => {
    const onA = new Phone(a.url)
    for (let i = 0; i < 5; i++) {
      const page = await onA.submit(await onA.get('/tv'), { user_code: `0000 100${i}` })
      expect(page.status).toBe(400)
    }
    const onB = new Phone(b.url)
    const blocked = await onB.submit(await onB.get('/tv'), { user_code: '0000 1009' })
    expect(blocked.status).toBe(429)
    expect(text(blocked)).toMatch(/Too many/i)
  })

  it('When four instances start at once on an empty database, as in a rolling deploy, then every one comes up and answers a wrong code with 400, not an error page', { timeout: 60_000 }, async () => {
    const admin = new pg.Client({ connectionString: db.url })
    await admin.connect()
    await admin.query('CREATE DATABASE rollout')
    await admin.end()
    const url = db.url.replace(/\/postgres$/, '/rollout')
    const started = await Promise.allSettled([1, 2, 3, 4].map(() => ServiceProcess.start({ DATABASE_URL: url })))
    const instances = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))
    try {
      expect(started.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([])
      for (const instance of instances) {
        const phone = new Phone(instance.url)
        const page = await phone.submit(await phone.get('/tv'), { user_code: '0000 2000' })
        expect(page.status, instance.output).toBe(400)
        expect(text(page)).toMatch(/check the code/i)
        expect(instance.output).not.toMatch(/already exists|Unhandled|TypeError/)
      }
    } finally {
      await Promise.all(instances.map((i) => i.kill()))
    }
  })
})
