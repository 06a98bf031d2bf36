// Brute force: guessing codes from many addresses stays under the 1-in-a-million bound, and a password check takes as
// long for an email that exists as for one that does not.
import { sql } from 'kysely'
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { authenticate, createAccount } from '../../src/server/accounts'
import { limitsConfig, waitWords } from '../../src/server/limits'
import { Phone, text } from '../support/phone'
import { startService } from '../support/service'

type Service = Awaited<ReturnType<typeof startService>>
let service: Service

beforeAll(async () => {
  service = await startService()
})
afterAll(() => service?.close())

/** A browser on its own loopback address (127.0.0.x): the service sees each as a different client IP. */
class Guesser {
  private cookies = new Map<string, string>()
  constructor(private readonly localAddress: string) {}

  send(method: string, path: string, body?: string): Promise<{ status: number; html: string }> {
    const url = new URL(path, service.url)
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method,
          localAddress: this.localAddress,
          headers: {
            accept: 'text/html',
            cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
            ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}),
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';')
            const [k, ...v] = (pair ?? '').split('=')
            if (k) this.cookies.set(k.trim(), v.join('='))
          }
          let html = ''
          res.on('data', (d: Buffer) => (html += d.toString()))
          res.on('end', () => resolve({ status: res.statusCode ?? 0, html }))
        },
      )
      req.on('error', reject)
      req.end(body)
    })
  }

  /** Open the code page and send one code, as a person typing it would. */
  async guess(code: string): Promise<number> {
    const page = await this.send('GET', '/tv')
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page.html)?.[1] ?? ''
    return (await this.send('POST', '/tv', new URLSearchParams({ xsrf, user_code: code }).toString())).status
  }
}

/** Use Remote's sign-in from a loopback address of its own, perhaps through a proxy that adds X-Forwarded-For. */
function signIn(url: string, from: string, email: string, password: string, forwardedFor?: string): Promise<number> {
  const body = JSON.stringify({ client_id: 'tenfoot-tv', email, password, device_name: 'Guess TV' })
  const target = new URL('/api/signin', url)
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

describe('brute force', () => {
  it('When a stranger types wrong passwords for someone’s email, then only the stranger’s address is stopped; guessing spread over many addresses stops at the account’s hourly ceiling', { timeout: 60_000 }, async () => {
    const email = 'target@example.com'
    const password = 'the owner’s password'
    await createAccount(service.store.db, { email, password, name: 'Target' })
    const perAddress = limitsConfig.passwordPerAccountAndIp.points
    for (let i = 0; i < perAddress; i++) expect(await signIn(service.url, '127.0.1.1', email, `wrong ${i}`)).toBe(401)
    // The stranger is stopped, even with the right password and whatever X-Forwarded-For they claim (no proxy is trusted).
    expect(await signIn(service.url, '127.0.1.1', email, password)).toBe(429)
    expect(await signIn(service.url, '127.0.1.1', email, password, '203.0.113.9')).toBe(429)
    // The owner, at home, is not.
    expect(await signIn(service.url, '127.0.1.2', email, password)).toBe(200)
    // Spread over many addresses, the wrong passwords stop at the ceiling, for every address.
    const ceiling = limitsConfig.passwordPerAccount.points
    let sent = perAddress
    for (let a = 10; sent < ceiling; a++) {
      for (let i = 0; i < perAddress && sent < ceiling; i++, sent++) expect(await signIn(service.url, `127.0.1.${a}`, email, `wrong ${a}.${i}`)).toBe(401)
    }
    expect(await signIn(service.url, '127.0.1.2', email, password)).toBe(429)
  })

  it('When a blocked sign-in has under a minute left, then the TV and the sign-in page say how long in plain English', { timeout: 60_000 }, async () => {
    const email = 'hurry@example.com'
    const password = 'the owner’s password'
    await createAccount(service.store.db, { email, password, name: 'Hurry' })
    const phone = new Phone(service.url)
    let page = await phone.get('/account/sign-in')
    for (let i = 0; i < limitsConfig.passwordPerAccountAndIp.points; i++) page = await phone.submit(page, { email, password: `wrong ${i}` })
    // The block is 10 minutes long; bring its end to 45 s from now, as if the viewer had waited the rest.
    const endIn = async (ms: number) => void (await sql`update rate_limits set expire = ${Date.now() + ms} where key like ${`%${email}%`}`.execute(service.store.db))
    await endIn(45_000)
    const tv = await fetch(`${service.url}/api/signin`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'tenfoot-tv', email, password }) })
    expect(tv.status).toBe(429)
    expect(((await tv.json()) as { error_description: string }).error_description).toMatch(/^Too many tries\. Wait 4[45] seconds, then try again\.$/)
    expect(text(await phone.submit(page, { email, password }))).toMatch(/wait 4[45] seconds and try again/)
    // Just over a minute left: whole minutes, rounded up so the viewer is never sent back too early.
    await endIn(61_000)
    expect(text(await phone.submit(page, { email, password }))).toMatch(/wait 2 minutes and try again/)
  })

  it('When a wait is put into words, then the number agrees with its noun', () => {
    expect([1, 45, 60, 61, 600].map(waitWords)).toEqual(['1 second', '45 seconds', '1 minute', '2 minutes', '10 minutes'])
  })

  it('When TRUST_PROXY is 1, then each viewer behind the load balancer has their own limit, by the address the balancer added, not one a client forged', { timeout: 60_000 }, async () => {
    const behind = await startService({ env: { NODE_ENV: 'test', TRUST_PROXY: '1' } })
    try {
      const email = 'proxied@example.com'
      const password = 'the right password'
      await createAccount(behind.store.db, { email, password, name: 'Proxied' })
      // Every request comes from the balancer's one address; the last X-Forwarded-For entry is the viewer.
      for (let i = 0; i < limitsConfig.passwordPerAccountAndIp.points; i++) expect(await signIn(behind.url, '127.0.0.1', email, `wrong ${i}`, `198.51.100.7, 192.0.2.1`)).toBe(401)
      expect(await signIn(behind.url, '127.0.0.1', email, password, '203.0.113.50, 192.0.2.1')).toBe(429)
      expect(await signIn(behind.url, '127.0.0.1', email, password, '198.51.100.7, 192.0.2.2')).toBe(200)
    } finally {
      await behind.close()
    }
  })


  it('When wrong codes come from many addresses, then no more than 60 are heard per code lifetime, so one live code is guessed with probability below one in a million', { timeout: 60_000 }, async () => {
    const auth = await fetch(`${service.url}/device/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'tenfoot-tv', scope: 'openid offline_access' }),
    })
    const { user_code: live, expires_in: lifetime } = (await auth.json()) as { user_code: string; expires_in: number }
    const keyspace = 10 ** live.replace(/\D/g, '').length
    expect(keyspace).toBe(1e8)

    // 20 addresses, 6 tries each: more than either limit allows.
    let heard = 0
    let refused = 0
    for (let a = 2; a < 22; a++) {
      const guesser = new Guesser(`127.0.0.${a}`)
      for (let t = 0; t < 6; t++) {
        const wrong = String(10_000_000 + a * 100 + t)
        if (wrong === live.replace(/\D/g, '')) continue
        const status = await guesser.guess(wrong)
        if (status === 400) heard++
        else if (status === 429) refused++
        else throw new Error(`unexpected ${status} for a wrong code`)
      }
    }
    // Each address is stopped after 5; the whole service after 60, whatever the address.
    expect(heard).toBe(limitsConfig.wrongCodeGlobal.points)
    expect(refused).toBe(20 * 6 - heard)
    expect(await new Guesser('127.0.0.99').guess('12345678')).toBe(429)
    // The window is the code's lifetime, so this is the most an attacker gets against one live code.
    expect(limitsConfig.wrongCodeGlobal.duration).toBeGreaterThanOrEqual(lifetime)
    const chance = heard / keyspace
    console.info(`brute force: ${heard} guesses heard of ${heard + refused} sent from 21 addresses; chance per live code ${chance.toExponential(1)}`)
    expect(chance).toBeLessThan(1e-6)
  })

  it('When a password is checked for an email that exists and for one that does not, then both take the same work (no timing tell)', { timeout: 60_000 }, async () => {
    await createAccount(service.store.db, { email: 'timing@example.com', password: 'the right password', name: 'Timing' })
    const time = async (email: string) => {
      const t = performance.now()
      expect(await authenticate(service.store.db, email, 'a wrong password')).toBeNull()
      return performance.now() - t
    }
    const known: number[] = []
    const unknown: number[] = []
    for (let i = 0; i < 15; i++) {
      // Interleaved, so the machine's noise falls on both alike.
      known.push(await time('timing@example.com'))
      unknown.push(await time(`nobody-${i}@example.com`))
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number
    const ratio = median(unknown) / median(known)
    console.info(`password check: known email ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms (ratio ${ratio.toFixed(2)})`)
    // Skipping the hash for an unknown email would make it ~50× faster; the same work keeps the ratio near 1.
    expect(ratio).toBeGreaterThan(0.6)
    expect(ratio).toBeLessThan(1.6)
  })
})
