// The device flow end to end over real HTTP: openid-client plays the TV, real form posts play the phone.
import * as oauth from 'openid-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Phone, text, type Page } from '../support/phone'
import { demo, startService, withAccount } from '../support/service'
import { accountPhone, approveOnPhone, signOutAllDevices, tvClient, tvParams } from '../support/tvApi'

type Service = Awaited<ReturnType<typeof startService>>
let service: Service

beforeAll(async () => {
  service = await startService()
  await withAccount(service)
})
afterAll(() => service?.close())

async function poll(deviceCode: string) {
  const res = await fetch(`${service.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: deviceCode, client_id: 'tenfoot-tv' }),
  })
  return { status: res.status, body: (await res.json()) as Record<string, unknown> }
}

describe('OAuth device authorization for TVs', () => {
  it('When a TV asks for a code, then it gets 8 grouped digits, a 5 s interval and short /tv URLs', async () => {
    const config = await tvClient(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    expect(res.user_code).toMatch(/^\d{4} \d{4}$/)
    expect(res.interval).toBe(5)
    expect(res.verification_uri).toBe(`${service.url}/tv`)
    expect(res.verification_uri_complete).toBe(`${service.url}/tv/${res.user_code.replace(' ', '')}`)
    expect(res.expires_in).toBe(600)
  })

  it('When the TV reaches the service by another name than PUBLIC_URL, then the URLs it shows still use PUBLIC_URL, which a phone can open', async () => {
    const viaLocalhost = service.url.replace('127.0.0.1', 'localhost')
    const res = await fetch(`${viaLocalhost}/device/auth`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: 'tenfoot-tv', scope: 'openid offline_access' }),
    })
    const body = (await res.json()) as { verification_uri: string; verification_uri_complete: string }
    expect(body.verification_uri).toBe(`${service.url}/tv`)
    expect(body.verification_uri_complete.startsWith(`${service.url}/tv/`)).toBe(true)
  })

  it('When the phone confirms and signs in, then the polling TV gets tokens and the service knows the device', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    const done = await approveOnPhone(new Phone(service.url), res.verification_uri_complete ?? '', res.user_code)
    expect(text(done)).toContain('Living Room TV is signing in now')
    const tokens = await oauth.pollDeviceAuthorizationGrant(config, res)
    expect(tokens.access_token).toBeTruthy()
    expect(tokens.refresh_token).toBeTruthy()
    const me = await fetch(`${service.url}/api/session`, { headers: { authorization: `Bearer ${tokens.access_token}` } })
    expect(me.status).toBe(200)
    expect(await me.json()).toMatchObject({ account: { email: demo.email }, device: { name: 'Living Room TV', platform: 'Samsung', model: 'QN90' } })
    const refreshed = await oauth.refreshTokenGrant(config, tokens.refresh_token ?? '')
    expect(refreshed.access_token).not.toBe(tokens.access_token)
  })

  it('When a finished sign-in page is sent again (the phone’s Back) or opened in another browser, then the phone is told the sign-in has ended and where to go on', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    const phone = new Phone(service.url)
    const confirm = await phone.submit(await phone.get(res.verification_uri_complete ?? ''), {})
    const login = await phone.submit(confirm, { confirm: 'yes' })
    expect(login.url).toMatch(/\/interaction\//)
    // The same link in another browser: no session of its own.
    const elsewhere = await new Phone(service.url).get(login.url)
    expect(elsewhere.status).toBe(400)
    expect(text(elsewhere)).toContain('This sign-in has ended')
    expect(elsewhere.html).toContain('href="/tv"')
    expect(text(await phone.submit(login, { email: demo.email, password: demo.password }))).toContain('is signing in now')
    // Back to the sign-in form and Sign In again: the words and a way on, not "invalid_request".
    const again = await phone.submit(login, { email: demo.email, password: demo.password })
    expect(again.status).toBe(400)
    expect(text(again)).toContain('This sign-in has ended')
    expect(text(again)).not.toContain('invalid_request')
    expect((await oauth.pollDeviceAuthorizationGrant(config, res)).access_token).toBeTruthy()
  })

  it('When a phone’s browser asks for /favicon.ico, then it gets Tenfoot’s icon, not a 404', async () => {
    const res = await fetch(`${service.url}/favicon.ico`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/png')
    expect([...new Uint8Array(await res.arrayBuffer()).subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG')
  })

  it('When a wrong password is typed while signing in a TV, then the page still says it is for the TV, with the error and the email kept, on a page a reload fetches without sending the password again', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    const phone = new Phone(service.url)
    const confirm = await phone.submit(await phone.get(res.verification_uri_complete ?? ''), {})
    const login = await phone.submit(confirm, { confirm: 'yes' })
    expect(text(login)).toContain('Sign in to watch on your TV')
    const wrong = await phone.submit(login, { email: demo.email, password: 'not the password' })
    expect(wrong.status).toBe(401)
    expect(text(wrong)).toContain('Sign in to watch on your TV That email and password don’t match')
    expect(wrong.html).toContain(`value="${demo.email}"`)
    // Post/redirect/get: the error is shown on the sign-in page itself, so Back or a reload asks for nothing again.
    expect(wrong.redirected).toBe(true)
    expect(wrong.url).toMatch(/\/interaction\/[^/?]+\?signin=1$/)
    const reloaded = await phone.get(wrong.url)
    expect(reloaded.status).toBe(200)
    expect(text(reloaded)).toContain('Sign in to watch on your TV')
    expect(text(reloaded)).not.toContain('don’t match')
    expect(text(await phone.submit(wrong, { email: demo.email, password: demo.password }))).toContain('is signing in now')
  })

  it('When the TV polls before the user acts, then it hears authorization_pending, and slow_down with 5 s more if it polls too fast', async () => {
    const config = await tvClient(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    expect(await poll(res.device_code)).toMatchObject({ status: 400, body: { error: 'authorization_pending' } })
    expect(await poll(res.device_code)).toMatchObject({ status: 400, body: { error: 'slow_down', interval: 10 } })
    expect(await poll(res.device_code)).toMatchObject({ status: 400, body: { error: 'slow_down', interval: 15 } })
  })

  it('When the user presses Cancel on the phone, then the TV hears access_denied', async () => {
    const config = await tvClient(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    const phone = new Phone(service.url)
    const confirm = await phone.submit(await phone.get(res.verification_uri_complete ?? ''), {})
    const cancelled = await phone.submit(confirm, { abort: 'yes' })
    expect(text(cancelled)).toContain('Sign-in cancelled')
    expect(await poll(res.device_code)).toMatchObject({ status: 400, body: { error: 'access_denied' } })
  })

  it('When the code outlives its TTL, then the TV hears expired_token and the phone is told to use the new code', { timeout: 20_000 }, async () => {
    const short = await startService({ deviceCodeTtl: 2 })
    try {
      const config = await tvClient(short.url)
      const res = await oauth.initiateDeviceAuthorization(config, tvParams)
      await new Promise((r) => setTimeout(r, 2_500))
      const r = await fetch(`${short.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: res.device_code, client_id: 'tenfoot-tv' }),
      })
      expect(await r.json()).toMatchObject({ error: 'expired_token' })
      const phone = new Phone(short.url)
      const page = await phone.submit(await phone.get(res.verification_uri_complete ?? ''), {})
      expect(text(page)).toContain('That code has expired')
      // The dead code is not left in the field for the new one to be typed over.
      expect(page.html).toMatch(/id="user_code" name="user_code" value=""/)
    } finally {
      await short.close()
    }
  })

  it('When wrong codes are entered, then the phone is told what is wrong; codes of the wrong shape are not counted, and past 5 real guesses from one address it gets a 429 page', async () => {
    // Its own service: the lockout must not spill into the other tests, which share 127.0.0.1.
    const own = await startService()
    try {
      const phone = new Phone(own.url)
      // Not codes at all, or a form from an old tab: each is told what is wrong, and none counts as a guess.
      for (const [code, said] of [
        ['', 'Enter the code your TV shows.'],
        ['abcd efgh', 'A code is 8 digits, as your TV shows it'],
        ['1234 567', 'A code is 8 digits, as your TV shows it'],
        ['1234 5678 9012 3', 'A code is 8 digits, as your TV shows it'],
      ] as const) {
        const page = await phone.submit(await phone.get('/tv'), { user_code: code })
        expect(page.status).toBe(400)
        expect(text(page)).toContain(said)
      }
      const stale = await phone.submit(await phone.get('/tv'), { user_code: '0000', xsrf: 'from an old tab' })
      expect(stale.status).toBe(400)
      expect(text(stale)).toContain('This page expired. Enter the code again.')
      for (let i = 0; i < 5; i++) {
        const page = await phone.submit(await phone.get('/tv'), { user_code: `0000 000${i}` })
        expect(page.status).toBe(400)
        expect(text(page)).toContain('That code isn’t right')
      }
      const blocked = await phone.submit(await phone.get('/tv'), { user_code: '0000 0009' })
      expect(blocked.status).toBe(429)
      expect(text(blocked)).toContain('Too many wrong codes')
    } finally {
      await own.close()
    }
  })

  it('When a code is wrong or not a code, then the field still holds what was typed, as text', async () => {
    const phone = new Phone(service.url)
    for (const [typed, shown] of [
      ['1234 567', '1234 567'],
      ['abcd 1234', 'abcd 1234'],
      ['0000 0001', '0000 0001'],
      ['<b>"12"</b>', '&lt;b&gt;&quot;12&quot;&lt;/b&gt;'],
    ] as const) {
      const page = await phone.submit(await phone.get('/tv'), { user_code: typed })
      expect(page.status).toBe(400)
      expect(page.html).toContain(`name="user_code" value="${shown}"`)
      expect(page.html).not.toContain('<b>')
    }
  })

  it('When the phone approves, then the pairing stream says decided at once, and the TV’s immediate poll gets its tokens without slow_down', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    const first = await poll(res.device_code)
    expect(first.body.error).toBe('authorization_pending')
    const stream = await fetch(`${service.url}/api/pairing/events?device_code=${encodeURIComponent(res.device_code)}`)
    expect(stream.headers.get('content-type')).toContain('text/event-stream')
    const reader = stream.body!.getReader()
    const decided = (async () => {
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return buffer
        buffer += new TextDecoder().decode(value)
        if (buffer.includes('event: decided')) return buffer
      }
    })()
    await approveOnPhone(new Phone(service.url), res.verification_uri_complete ?? '', res.user_code)
    expect(await decided).toContain('event: decided')
    // Well inside the 5 s interval since the last poll: a decided code is not told to slow down.
    const tokens = await poll(res.device_code)
    expect(tokens.status, JSON.stringify(tokens.body)).toBe(200)
    expect(tokens.body.access_token).toBeTruthy()
    const unknown = await fetch(`${service.url}/api/pairing/events?device_code=nope`)
    expect(unknown.status).toBe(404)
  })

  it('When the phone confirmed but was closed before signing in, then entering the code again starts over and the TV still gets tokens', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    const first = new Phone(service.url)
    const confirm = await first.submit(await first.get(res.verification_uri_complete ?? ''), {})
    expect(text(await first.submit(confirm, { confirm: 'yes' }))).toContain('Sign in')
    // That tab is gone; a fresh browser types the same code.
    const done = await approveOnPhone(new Phone(service.url), res.verification_uri_complete ?? '', res.user_code)
    expect(text(done)).toContain('is signing in now')
    const tokens = await oauth.pollDeviceAuthorizationGrant(config, res)
    expect(tokens.access_token).toBeTruthy()
  })

  it('When a plan’s QR led to the sign-up page, then its Sign in link, Sign in instead, and a later sign-in without a plan all show the sign-in form', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const phone = new Phone(service.url)
    const signInHref = (page: Page) => /Already have an account\? <a href="([^"]+)"/.exec(page.html)?.[1] ?? ''
    // The plan's QR: the confirm page names the plan and the next page is sign-up.
    const planned = await oauth.initiateDeviceAuthorization(config, tvParams)
    const planConfirm = await phone.submit(await phone.get(`${planned.verification_uri_complete}?plan=premium`), {})
    expect(text(planConfirm)).toContain('You chose the Premium plan')
    const signUp = await phone.submit(planConfirm, { confirm: 'yes' })
    expect(text(signUp)).toContain('Create your Tenfoot account')
    const signIn = await phone.get(signInHref(signUp))
    expect(text(signIn)).toContain('Sign in to watch on your TV')
    // An email that has an account: "Sign in instead", and the way there shows the sign-in form.
    const taken = await phone.submit(signUp, { name: 'Viewer', email: demo.email, password: demo.password, plan: 'premium' })
    expect(text(taken)).toContain('An account with that email already exists. Sign in instead')
    const instead = /role="alert">[^<]*<a href="([^"]+)">Sign in instead<\/a>/.exec(taken.html)?.[1] ?? ''
    expect(instead).toBe(signInHref(taken))
    const insteadSignIn = await phone.get(instead)
    expect(text(insteadSignIn)).toContain('Sign in to watch on your TV')
    expect(text(await phone.submit(insteadSignIn, { email: demo.email, password: demo.password }))).toContain('is signing in now')
    // A phone that left a plan's sign-up unfinished, later signing in another TV without a plan, by its QR or by
    // typing the code: the sign-in form, and no plan.
    for (const open of [(p: Phone, c: string, uri: string) => p.get(uri), (p: Phone, c: string) => p.get('/tv').then((page) => p.submit(page, { user_code: c }))]) {
      const other = new Phone(service.url)
      const abandoned = await oauth.initiateDeviceAuthorization(config, tvParams)
      expect(text(await other.submit(await other.get(`${abandoned.verification_uri_complete}?plan=basic`), {}))).toContain('You chose the Basic plan')
      const res = await oauth.initiateDeviceAuthorization(config, tvParams)
      const page = await open(other, res.user_code, res.verification_uri_complete ?? '')
      const confirm = page.html.includes('name="confirm"') ? page : await other.submit(page, {})
      expect(text(confirm)).toContain(`Check that your TV shows ${res.user_code}`)
      expect(text(confirm)).not.toContain('You chose')
      const login = await other.submit(confirm, { confirm: 'yes' })
      expect(text(login)).toContain('Sign in to watch on your TV')
      expect(text(await other.submit(login, { email: demo.email, password: demo.password }))).toContain('is signing in now')
    }
  })

  it('When a plan’s QR leads a new viewer to create an account, then no page speaks of an account they do not have yet, and the last one says the account is ready on that plan', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const phone = new Phone(service.url)
    const first = await oauth.initiateDeviceAuthorization(config, tvParams)
    const confirm = await phone.submit(await phone.get(`${first.verification_uri_complete}?plan=standard`), {})
    // The TV is named so the viewer can tell it is theirs; the code check stays, worded for the account about to be made.
    expect(text(confirm)).toContain(`Set up Tenfoot on Living Room TV (Samsung)? Check that your TV shows ${first.user_code}`)
    expect(text(confirm)).toContain('You chose the Standard plan ($15.49 a month). Next, create your account.')
    expect(text(confirm)).toContain('another TV would be signed in to your new account')
    expect(text(confirm)).not.toContain('someone may be trying to use your account')
    const signUp = await phone.submit(confirm, { confirm: 'yes' })
    expect(text(signUp)).toContain('Create your Tenfoot account')
    const done = await phone.submit(signUp, { name: 'New Viewer', email: 'new.plan@example.com', password: 'a long enough password' })
    expect(text(done)).toContain('Your account is ready You’re on the Standard plan. Living Room TV is signing in now. You can put your phone away.')
    expect((await oauth.pollDeviceAuthorizationGrant(config, first)).access_token).toBeTruthy()
    // The same phone, now signed in, opening another plan’s QR: no sign-up follows, so it is an ordinary sign-in and no
    // plan is promised; the account keeps the plan it has.
    const second = await oauth.initiateDeviceAuthorization(config, tvParams)
    const again = await phone.submit(await phone.get(`${second.verification_uri_complete}?plan=basic`), {})
    expect(text(again)).toContain(`Sign in on Living Room TV (Samsung)? Check that your TV shows ${second.user_code}`)
    expect(text(again)).toContain('someone may be trying to use your account')
    expect(text(again)).not.toContain('Basic')
    const signedIn = await phone.submit(again, { confirm: 'yes' })
    expect(text(signedIn)).toContain('You’re signed in Living Room TV is signing in now.')
  })

  it('When the code is typed with or without its space, then both are accepted', async () => {
    const config = await tvClient(service.url)
    for (const typed of [(c: string) => c, (c: string) => c.replace(' ', '')]) {
      const res = await oauth.initiateDeviceAuthorization(config, tvParams)
      const phone = new Phone(service.url, 'other-phone')
      // A different address is not needed: the limit above counts wrong codes only.
      const confirm = await phone.submit(await phone.get('/tv'), { user_code: typed(res.user_code) })
      expect(text(confirm)).toContain(`Check that your TV shows ${res.user_code}`)
    }
  })
})

describe('a phone that has signed in a TV before', () => {
  /** A phone that signed in one TV with the password, and a second TV's code opened and checked on it. */
  async function rememberedPhone() {
    const config = await tvClient(service.url)
    const phone = new Phone(service.url)
    const first = await oauth.initiateDeviceAuthorization(config, tvParams)
    expect(text(await approveOnPhone(phone, first.verification_uri_complete ?? '', first.user_code))).toContain('is signing in now')
    const next = await oauth.initiateDeviceAuthorization(config, { ...tvParams, device_name: '', device_platform: '' })
    const confirm = await phone.submit(await phone.get(next.verification_uri_complete ?? ''), {})
    return { config, phone, next, confirm }
  }

  it('When it confirms the next TV, then the page names the account the TV will join, and Not you? asks for an email and password instead', { timeout: 30_000 }, async () => {
    const { config, phone, next, confirm } = await rememberedPhone()
    // A TV that sent no name is named once, not "TV (TV)".
    expect(text(confirm)).toContain(`Sign in on TV? Check that your TV shows ${next.user_code} It will be signed in to ${demo.email}`)
    const codePage = await phone.submit(confirm, {}, /another-account/)
    expect(codePage.html).toContain(`value="${next.user_code}"`)
    const login = await phone.submit(await phone.submit(codePage, {}), { confirm: 'yes' })
    expect(text(login)).toContain('Sign in to watch on your TV')
    expect(text(await phone.submit(login, { email: demo.email, password: demo.password }))).toContain('TV is signing in now')
    expect((await oauth.pollDeviceAuthorizationGrant(config, next)).access_token).toBeTruthy()
  })

  it('When the page saying the TV is signing in is reloaded, then the phone hears the sign-in has ended and how to go on, not that something went wrong', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const phone = new Phone(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    const done = await approveOnPhone(phone, res.verification_uri_complete ?? '', res.user_code)
    expect(text(done)).toContain('Living Room TV is signing in now')
    expect(new URL(done.url).pathname).toMatch(/^\/tv\/[^/]+$/)
    const reloaded = await phone.get(done.url)
    expect(reloaded.status).toBe(400)
    expect(text(reloaded)).toContain('This sign-in has ended')
    expect(text(reloaded)).not.toContain('Something went wrong')
    expect(reloaded.html).toContain('href="/tv"')
    // A made-up address under /tv says the same.
    expect(text(await phone.get('/tv/abc'))).toContain('This sign-in has ended')
    expect((await oauth.pollDeviceAuthorizationGrant(config, res)).access_token).toBeTruthy()
  })

  it('When Sign Out of All Devices is confirmed on the account pages, then this phone must give the password again to sign in the next TV', { timeout: 30_000 }, async () => {
    const { phone, confirm } = await rememberedPhone()
    expect(text(confirm)).toContain(`It will be signed in to ${demo.email}`)
    const { phone: web, devices } = await accountPhone(service.url)
    await signOutAllDevices(web, devices)
    const config = await tvClient(service.url)
    const third = await oauth.initiateDeviceAuthorization(config, tvParams)
    const asked = await phone.submit(await phone.get(third.verification_uri_complete ?? ''), {})
    expect(text(asked)).not.toContain('It will be signed in to')
    expect(text(await phone.submit(asked, { confirm: 'yes' }))).toContain('Sign in to watch on your TV')
  })
})

describe('a phone signed in to the account on the web', () => {
  it('When it signs in a TV, then Continue as its account takes one press and no password, and Use another account asks for one', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const toSession = async (accessToken: string) => (await fetch(`${service.url}/api/session`, { headers: { authorization: `Bearer ${accessToken}` } })).json()
    // Confirm, then the account this phone is signed in to, with no password field.
    const { phone } = await accountPhone(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    const asked = await phone.submit(await phone.submit(await phone.get(res.verification_uri_complete ?? ''), {}), { confirm: 'yes' })
    expect(text(asked)).toContain(`This phone is signed in to ${demo.email} . Continue as ${demo.email} Not you? Use another account`)
    expect(asked.html).not.toContain('type="password"')
    // A form without its CSRF token signs nothing in.
    expect((await phone.submit(asked, { _csrf: 'forged' })).status).toBe(403)
    expect(text(await phone.submit(asked, {}))).toContain('Living Room TV is signing in now')
    expect(await toSession((await oauth.pollDeviceAuthorizationGrant(config, res)).access_token)).toMatchObject({ account: { email: demo.email } })

    // Use another account: the email and password form, as on a phone signed in nowhere.
    const other = (await accountPhone(service.url)).phone
    const second = await oauth.initiateDeviceAuthorization(config, tvParams)
    const offered = await other.submit(await other.submit(await other.get(second.verification_uri_complete ?? ''), {}), { confirm: 'yes' })
    const login = await other.get(/href="([^"]*signin=1)"/.exec(offered.html)?.[1]?.replace(/&amp;/g, '&') ?? '')
    expect(text(login)).toContain('Sign in to watch on your TV')
    expect(login.html).toContain('type="password"')
    expect(text(await other.submit(login, { email: demo.email, password: demo.password }))).toContain('is signing in now')
    expect((await oauth.pollDeviceAuthorizationGrant(config, second)).access_token).toBeTruthy()

    // Signed out on the web between the two pages: Continue asks for the password instead of signing the TV in.
    const { phone: late, devices } = await accountPhone(service.url)
    const third = await oauth.initiateDeviceAuthorization(config, tvParams)
    const waiting = await late.submit(await late.submit(await late.get(third.verification_uri_complete ?? ''), {}), { confirm: 'yes' })
    expect(text(waiting)).toContain(`Continue as ${demo.email}`)
    await signOutAllDevices(late, devices)
    const refused = await late.submit(waiting, {})
    expect(refused.status).toBe(401)
    expect(text(refused)).toContain('You were signed out on this phone. Sign in to continue.')
    expect(refused.html).toContain('type="password"')
    expect(text(await late.submit(refused, { email: demo.email, password: demo.password }))).toContain('is signing in now')
    expect((await oauth.pollDeviceAuthorizationGrant(config, third)).access_token).toBeTruthy()
  })

  it('When it opens a plan’s QR, then it is offered its own account instead of sign-up, and Create an account still has the plan', { timeout: 30_000 }, async () => {
    const config = await tvClient(service.url)
    const { phone } = await accountPhone(service.url)
    const res = await oauth.initiateDeviceAuthorization(config, tvParams)
    // It has an account, so the confirm page promises no plan and speaks of signing in.
    const confirm = await phone.submit(await phone.get(`${res.verification_uri_complete}?plan=premium`), {})
    expect(text(confirm)).toContain(`Sign in on Living Room TV (Samsung)? Check that your TV shows ${res.user_code}`)
    expect(text(confirm)).not.toContain('Premium')
    const asked = await phone.submit(confirm, { confirm: 'yes' })
    expect(text(asked)).toContain(`This phone is signed in to ${demo.email} . Continue as ${demo.email}`)
    expect(text(asked)).not.toContain('Create your Tenfoot account')
    // Someone else on this phone, new to Tenfoot: Use another account, then Create an account, with the plan still chosen.
    const link = (page: { html: string }, pattern: RegExp) => pattern.exec(page.html)?.[1]?.replace(/&amp;/g, '&') ?? ''
    const login = await phone.get(link(asked, /href="([^"]*signin=1)"/))
    const signUp = await phone.get(link(login, /href="([^"]*signup=1)"/))
    expect(text(signUp)).toContain('Create your Tenfoot account')
    expect(signUp.html).toMatch(/value="premium"\s+checked/)
    // Or Continue, from the page before: the TV joins the account this phone is signed in to.
    expect(text(await phone.submit(asked, {}))).toContain('Living Room TV is signing in now')
    const { access_token } = await oauth.pollDeviceAuthorizationGrant(config, res)
    expect(await (await fetch(`${service.url}/api/session`, { headers: { authorization: `Bearer ${access_token}` } })).json()).toMatchObject({ account: { email: demo.email } })
  })
})
