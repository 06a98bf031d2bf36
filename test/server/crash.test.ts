// Crash safety: the service is killed with SIGKILL in the middle of a pairing, a Sign Out of All Devices and a sign-up.
// After a restart nothing is lost or half-done.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Phone, text } from '../support/phone'
import { tvSession } from '../support/service'
import { ServiceProcess } from '../support/serviceProcess'
import { refresh, session } from '../support/tvApi'

let svc: ServiceProcess
let demo: { email: string; password: string }

beforeAll(async () => {
  svc = await ServiceProcess.start()
  demo = JSON.parse(readFileSync(join(svc.dataDir, 'demo-account.json'), 'utf8')) as typeof demo
}, 60_000)
afterAll(() => svc?.kill())

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
/** Kill points: before the request lands, while it is being handled, and around its commit. */
const killDelays = [0, 2, 8, 25]

async function deviceAuth(): Promise<{ device_code: string; user_code: string; verification_uri_complete: string }> {
  const res = await fetch(`${svc.url}/device/auth`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ client_id: 'tenfoot-tv', scope: 'openid offline_access', device_name: 'Den TV', device_platform: 'LG' }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { device_code: string; user_code: string; verification_uri_complete: string }
}

async function poll(deviceCode: string) {
  const res = await fetch(`${svc.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: 'tenfoot-tv' }),
  })
  return { status: res.status, body: (await res.json()) as { access_token?: string; refresh_token?: string; error?: string } }
}

/** The phone from the QR to the last step; the last form post is what the kill interrupts. */
async function phoneUpToSignIn(completeUri: string) {
  const phone = new Phone(svc.url)
  const confirm = await phone.submit(await phone.get(completeUri), {})
  const login = await phone.submit(confirm, { confirm: 'yes' })
  expect(text(login), `confirm page: ${text(confirm)}\nthen: ${text(login)}`).toContain('Sign in')
  return { phone, login }
}

async function tvSignIn(name: string) {
  const res = await fetch(`${svc.url}/api/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: 'tenfoot-tv', email: demo.email, password: demo.password, device_name: name, device_platform: 'Samsung', device_model: 'QN90' }),
  })
  expect(res.status).toBe(200)
  return (await res.json()) as { access_token: string; refresh_token: string }
}

describe('first start', () => {
  it('When a fresh service first answers, then the demo account it prints already signs in', { timeout: 60_000 }, async () => {
    // Three fresh data folders: the account is made while the service still says 503 "starting", never after.
    for (let i = 0; i < 3; i++) {
      const fresh = await ServiceProcess.start()
      try {
        const account = JSON.parse(readFileSync(join(fresh.dataDir, 'demo-account.json'), 'utf8')) as typeof demo
        await expect(tvSession(fresh, 'First TV', account)).resolves.toMatchObject({ accessToken: expect.any(String) })
      } finally {
        await fresh.kill()
      }
    }
  })
})

describe('SIGKILL and restart', () => {
  it('When the service dies after the TV got its code and again while the phone signs in, then after restarts the pairing still completes', { timeout: 120_000 }, async () => {
    for (const delay of killDelays) {
      const auth = await deviceAuth()
      await svc.restart() // killed while the TV shows its code
      const { phone, login } = await phoneUpToSignIn(auth.verification_uri_complete)
      const submitted = phone.submit(login, { email: demo.email, password: demo.password }).catch((e: Error) => e)
      await sleep(delay)
      await svc.kill() // killed while the sign-in is handled
      const answer = await submitted
      await svc.start()
      let tv = await poll(auth.device_code)
      if (tv.status !== 200) {
        // The phone saw the page fail and does it again from the QR, as a person would.
        expect(tv.body.error, `kill after ${delay} ms: ${JSON.stringify(tv.body)} (phone saw ${answer instanceof Error ? answer.message : answer.status})`).toBe('authorization_pending')
        const again = await phoneUpToSignIn(auth.verification_uri_complete)
        expect(text(await again.phone.submit(again.login, { email: demo.email, password: demo.password }))).toContain('is signing in now')
        await sleep(5_100) // the TV keeps to its interval
        tv = await poll(auth.device_code)
      }
      expect(tv.status, JSON.stringify(tv.body)).toBe(200)
      await svc.restart() // and the tokens it got survive a kill too
      expect((await session(svc.url, tv.body.access_token ?? '')).status).toBe(200)
    }
  })

  it('When the service dies during Sign Out of All Devices, then after a restart either every device is signed out or none is, and trying again signs out every one', { timeout: 120_000 }, async () => {
    for (const delay of killDelays) {
      const tvs = await Promise.all(Array.from({ length: 30 }, (_, i) => tvSignIn(`TV ${i}`)))
      const phone = new Phone(svc.url)
      const devices = await phone.submit(await phone.get('/account/devices'), { email: demo.email, password: demo.password })
      expect(text(devices)).toContain('Manage Access and Devices')
      // confirm=yes: the answer the question page's own Sign Out of All Devices button sends.
      const submitted = phone.submit(devices, { confirm: 'yes' }, /sign-out-all/).catch((e: Error) => e)
      await sleep(delay)
      await svc.kill()
      await submitted
      await svc.start()
      const states = await Promise.all(tvs.map(async (t) => (await session(svc.url, t.access_token)).status))
      const signedOut = states.filter((s) => s === 401).length
      expect([0, tvs.length], `kill after ${delay} ms left ${signedOut} of ${tvs.length} signed out`).toContain(signedOut)
      if (signedOut === 0) {
        // Nothing happened: the person sees the failed page and presses it again.
        const again = await phone.get('/account/devices')
        if (text(again).includes('Manage Access and Devices')) await phone.submit(again, { confirm: 'yes' }, /sign-out-all/)
        else {
          const signedIn = await phone.submit(again, { email: demo.email, password: demo.password })
          await phone.submit(signedIn, { confirm: 'yes' }, /sign-out-all/)
        }
      }
      for (const t of tvs) expect((await session(svc.url, t.access_token)).status).toBe(401)
      expect((await refresh(svc.url, tvs[0]?.refresh_token ?? '')).status).toBe(400)
    }
  })

  it('When the service dies during a sign-up, then after a restart the account exists whole or not at all', { timeout: 120_000 }, async () => {
    const outcomes: string[] = []
    // Hashing the password takes tens of milliseconds, so the kill points reach further in than for the other two.
    const signUpDelays = [0, 30, 60, 100, 200, 400, 1000]
    for (const delay of signUpDelays) {
      const email = `crash-${delay}@example.com`
      const password = 'a sturdy password'
      const phone = new Phone(svc.url)
      const form = await phone.get('/signup')
      const submitted = phone.submit(form, { name: 'Crash Test', email, password, plan: 'premium' }).catch((e: Error) => e)
      await sleep(delay)
      await svc.kill()
      await submitted
      await svc.start()
      const signIn = await fetch(`${svc.url}/api/signin`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ client_id: 'tenfoot-tv', email, password, device_name: 'Check', device_platform: 'LG' }),
      })
      if (signIn.status === 200) {
        outcomes.push('whole')
        // Whole: the plan chosen is there too.
        const web = new Phone(svc.url)
        const account = await web.submit(await web.get('/account'), { email, password })
        expect(text(account)).toContain(email)
        expect(text(account)).toContain('Premium')
      } else {
        // Not at all: the same email signs up now without "already exists".
        outcomes.push('none')
        expect(signIn.status).toBe(401)
        const retry = new Phone(svc.url)
        const done = await retry.submit(await retry.get('/signup'), { name: 'Crash Test', email, password, plan: 'premium' })
        expect(text(done)).not.toContain('already exists')
        expect(done.status).toBe(200)
      }
    }
    console.info(`sign-up kill outcomes by delay ${signUpDelays.join('/')} ms: ${outcomes.join(', ')}`)
    // The kill points cover both outcomes, so both checks above really ran.
    expect(outcomes).toContain('whole')
    expect(outcomes).toContain('none')
  })
})
