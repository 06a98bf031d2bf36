// Manage Access and Devices, the TV's session API and stream, CSRF, and a restart in the middle of a pairing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Phone, text, type Page } from '../support/phone'
import { demo, startService, withAccount } from '../support/service'
import { accountPhone, listen, refresh, session, tvSignIn } from '../support/tvApi'

type Service = Awaited<ReturnType<typeof startService>>
let service: Service

beforeAll(async () => {
  service = await startService()
  await withAccount(service)
})
afterAll(() => service?.close())

describe('Use Remote sign-in', () => {
  it('When the TV sends the right email and password, then it gets tokens like the device flow gives', async () => {
    const { status, body } = await tvSignIn(service.url, 'Bedroom TV')
    expect(status).toBe(200)
    expect(body.refresh_token).toBeTruthy()
    expect(await (await session(service.url, body.access_token)).json()).toMatchObject({ device: { name: 'Bedroom TV', platform: 'LG' } })
    expect((await refresh(service.url, body.refresh_token)).status).toBe(200)
  })

  it('When the password is wrong, then the TV gets a 401 with words to show, and no tokens', async () => {
    const { status, body } = await tvSignIn(service.url, 'Bedroom TV', 'wrong password')
    expect(status).toBe(401)
    expect(body).toEqual({ error: 'invalid_credentials', error_description: 'That email and password don’t match. Check them and try again.' })
  })
})

describe('Manage Access and Devices', () => {
  it('When one TV is signed out on the devices page, then its stream hears signed-out, its tokens are refused, and the other TV stays signed in', async () => {
    const kitchen = (await tvSignIn(service.url, 'Kitchen TV')).body
    const den = (await tvSignIn(service.url, 'Den TV')).body
    const stream = listen(service.url, kitchen.access_token)
    await stream.ready
    const { phone, devices } = await accountPhone(service.url)
    expect(text(devices)).toContain('Kitchen TV')
    expect(text(devices)).toContain('Den TV')
    expect(text(devices)).toContain('This device')
    // Press Kitchen TV's own Sign Out button.
    const id = new RegExp(`data-device="([^"]+)">\\s*<strong>Kitchen TV`).exec(devices.html)?.[1]
    expect(id).toBeTruthy()
    const done = await phone.submit(devices, {}, new RegExp(`/account/devices/${id}/sign-out`))
    // The notice names the device, so the viewer knows the right one went.
    expect(text(done)).toContain('Kitchen TV was signed out.')
    expect(done.html).not.toContain(`data-device="${id}"`)
    expect(text(done)).toContain('Den TV')
    await expect(stream.event).resolves.toBe('signed-out')
    expect((await session(service.url, kitchen.access_token)).status).toBe(401)
    expect((await refresh(service.url, kitchen.refresh_token)).body.error).toBe('invalid_grant')
    expect((await session(service.url, den.access_token)).status).toBe(200)
  })

  it('When Sign Out of All Devices is pressed, then a page asks first, saying how many devices; Cancel returns to the list with every device still signed in', async () => {
    const tv = (await tvSignIn(service.url, 'Porch TV')).body
    const { phone, devices } = await accountPhone(service.url)
    const count = [...devices.html.matchAll(/data-device="/g)].length
    const asked = await phone.submit(devices, {}, /sign-out-all/)
    expect(text(asked)).toContain(`Sign out of all ${count} devices? Every TV and browser signed in to your account will be signed out, this one too.`)
    // The question is a form of its own, with its form token, so it works without script and cannot be forged.
    expect(asked.html).toMatch(/<form method="post" action="\/account\/devices\/sign-out-all"><input type="hidden" name="_csrf" value="[^"]+">/)
    expect(asked.html).toContain('>Sign Out of All Devices</button>')
    const cancel = /<a class="button secondary" href="([^"]+)">Cancel<\/a>/.exec(asked.html)?.[1]
    expect(cancel).toBe('/account/devices')
    const back = await phone.get(cancel ?? '')
    expect([...back.html.matchAll(/data-device="/g)].length).toBe(count)
    expect(text(back)).toContain('Porch TV')
    expect((await session(service.url, tv.access_token)).status).toBe(200)
  })

  it('When Sign Out of All Devices is chosen and confirmed, then every TV is refused and this browser is signed out too', async () => {
    const a = (await tvSignIn(service.url, 'TV A')).body
    const b = (await tvSignIn(service.url, 'TV B')).body
    const { phone, devices } = await accountPhone(service.url)
    const asked = await phone.submit(devices, {}, /sign-out-all/)
    for (const t of [a, b]) expect((await session(service.url, t.access_token)).status).toBe(200)
    const done = await phone.submit(asked, {}, /sign-out-all/)
    expect(text(done)).toContain('Signed out everywhere')
    // The answer is a page of its own: a reload says the same, and sends nothing again.
    expect(done.url).toMatch(/\/account\/signed-out$/)
    expect(text(await phone.get(done.url))).toContain('Every TV and browser signed in to your account has been signed out, this one too.')
    for (const t of [a, b]) {
      expect((await session(service.url, t.access_token)).status).toBe(401)
      expect((await refresh(service.url, t.refresh_token)).status).toBe(400)
    }
    expect(text(await phone.get('/account/devices'))).toContain('Sign in to Tenfoot')
  })

  it('When Sign Out of this browser is pressed, then the sign-in page says so, and the account pages ask for a password again', async () => {
    const { phone } = await accountPhone(service.url)
    const out = await phone.submit(await phone.get('/account'), {}, /\/account\/sign-out/)
    expect(text(out)).toContain('You signed out of this browser.')
    expect(text(await phone.get('/account/devices'))).toContain('Sign in to Tenfoot')
  })

  it('When the devices page shows when each device signed in and was last active, then it says how long ago, with the exact time kept in the page', async () => {
    await tvSignIn(service.url, 'Attic TV')
    const hour = 3600_000
    const signedIn = Date.now() - 3 * hour - 60_000
    await service.store.db.updateTable('devices').set({ signed_in_at: signedIn, last_active_at: Date.now() - 5 * 60_000 - 5_000 }).where('name', '=', 'Attic TV').execute()
    const { devices } = await accountPhone(service.url)
    const card = /data-device="[^"]+">\s*<strong>Attic TV[\s\S]*?<\/li>/.exec(devices.html)?.[0] ?? ''
    expect(text({ ...devices, html: card })).toContain('Signed in 3 hours ago · Last active 5 minutes ago')
    // The exact moment, for a screen reader or a hover: machine-readable and, in words, in UTC (no script, so no time zone).
    const exact = new Date(signedIn).toISOString()
    expect(card).toContain(`<time datetime="${exact}" title="${exact.slice(0, 16).replace('T', ' ')} UTC">3 hours ago</time>`)
    // This browser signed in a moment ago.
    expect(text(devices)).toMatch(/This device Web · Safari Signed in just now · Last active just now/)
  })

  it('When a form is posted without its CSRF token, then it is refused with 403 and nothing changes', async () => {
    const tv = (await tvSignIn(service.url, 'Guarded TV')).body
    const { phone } = await accountPhone(service.url)
    const forged = await phone.request('/account/devices/sign-out-all', { method: 'POST', body: '' })
    expect(forged.status).toBe(403)
    expect(text(forged)).toContain('This form expired or came from another site')
    expect((await session(service.url, tv.access_token)).status).toBe(200)
  })

  it('When the TV revokes its own refresh token (RFC 7009), then the device leaves the list and its tokens stop working', async () => {
    const tv = (await tvSignIn(service.url, 'Leaving TV')).body
    const res = await fetch(`${service.url}/token/revocation`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: tv.refresh_token, token_type_hint: 'refresh_token', client_id: 'tenfoot-tv' }),
    })
    expect(res.status).toBe(200)
    expect((await session(service.url, tv.access_token)).status).toBe(401)
    const { devices } = await accountPhone(service.url)
    expect(text(devices)).not.toContain('Leaving TV')
  })
})

describe('an ended web session', () => {
  /** A browser signed in on this page, whose session then ended from another one (a phone's Sign Out for it); the page stays open. */
  async function staleOpen(path: string) {
    const browser = new Phone(service.url, 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')
    const page = await browser.submit(await browser.get(path), { email: demo.email, password: demo.password })
    const { phone, devices } = await accountPhone(service.url)
    const id = /data-device="([^"]+)">\s*<strong>Web browser/.exec(devices.html)?.[1]
    expect(text(await phone.submit(devices, {}, new RegExp(`/account/devices/${id}/sign-out`)))).toContain('Web browser was signed out.')
    return { browser, page }
  }

  it('When Sign Out of All Devices or a device’s Sign Out is pressed after the session ended, then sign-in says why, nothing is signed out, and signing in returns to the devices page saying so', async () => {
    const tv = (await tvSignIn(service.url, 'Patio TV')).body
    const tvId = (page: Page) => new RegExp(`data-device="([^"]+)">\\s*<strong>Patio TV`).exec(page.html)?.[1]
    for (const press of [() => /sign-out-all/, (page: Page) => new RegExp(`/account/devices/${tvId(page)}/sign-out`)]) {
      const { browser, page: devices } = await staleOpen('/account/devices')
      expect(text(devices)).toContain('Patio TV')
      const signIn = await browser.submit(devices, {}, press(devices))
      expect(signIn.status).toBe(200)
      expect(text(signIn)).toContain('Your session has ended. Sign in again to continue.')
      expect((await session(service.url, tv.access_token)).status).toBe(200)
      const back = await browser.submit(signIn, { email: demo.email, password: demo.password })
      expect(new URL(back.url).pathname).toBe('/account/devices')
      expect(text(back)).toContain('Your session had ended, so nothing was signed out. You can do it now.')
      expect(text(back)).toContain('Patio TV')
      expect((await session(service.url, tv.access_token)).status).toBe(200)
    }
  })

  it('When an account page is opened after the session ended, then sign-in says why and leads back to that page; a first visit is not told its session ended', async () => {
    const { browser } = await staleOpen('/account')
    const signIn = await browser.get('/account/security')
    expect(text(signIn)).toContain('Your session has ended. Sign in again to continue.')
    expect(text(await browser.submit(signIn, { email: demo.email, password: demo.password }))).toContain('Manage Access and Devices')
    const first = await new Phone(service.url).get('/account')
    expect(text(first)).toContain('Sign in to Tenfoot')
    expect(text(first)).not.toContain('session has ended')
  })

  it('When Sign Out of this browser is pressed after the session ended, then the sign-in page shows, and signing in opens the account', async () => {
    const { browser, page: account } = await staleOpen('/account')
    const signIn = await browser.submit(account, {}, /\/account\/sign-out/)
    expect(text(signIn)).toContain('Sign in to Tenfoot')
    expect(text(await browser.submit(signIn, { email: demo.email, password: demo.password }))).toContain('Plan:')
  })
})

describe('pages made for one viewer', () => {
  it('When account, sign-in, sign-up and phone sign-in pages are served, then none may be stored, so Back after signing out does not show them again', { timeout: 30_000 }, async () => {
    const noStore = (page: Page) => expect(page.headers.get('cache-control'), `${page.url} ${text(page).slice(0, 80)}`).toBe('no-store')
    const { phone, devices } = await accountPhone(service.url)
    noStore(devices)
    for (const path of ['/account', '/account/security', '/account/sign-in', '/signup']) noStore(await phone.get(path))
    const tv = new Phone(service.url)
    const auth = (await (
      await fetch(`${service.url}/device/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'tenfoot-tv', scope: 'openid offline_access', device_name: 'Hall TV' }),
      })
    ).json()) as { verification_uri_complete: string }
    const codePage = await tv.get(auth.verification_uri_complete)
    noStore(codePage)
    const confirm = await tv.submit(codePage, {})
    noStore(confirm)
    const login = await tv.submit(confirm, { confirm: 'yes' })
    expect(login.url).toMatch(/\/interaction\//)
    noStore(login)
    noStore(await tv.get(`${login.url}?signup=1`))
    noStore(await tv.submit(login, { email: demo.email, password: 'not the password' }))
  })
})

describe('a restart in the middle of a pairing', () => {
  it('When the service restarts after the TV got its code, then the phone can still confirm and the TV gets tokens', { timeout: 30_000 }, async () => {
    const first = await startService()
    await withAccount(first)
    const port = new URL(first.url).port
    const auth = await (
      await fetch(`${first.url}/device/auth`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ client_id: 'tenfoot-tv', scope: 'openid offline_access', device_name: 'Living Room TV', device_platform: 'Samsung' }),
      })
    ).json()
    await first.close()
    const second = await startService({ dataDir: first.dataDir, port: Number(port) })
    try {
      const phone = new Phone(second.url)
      const confirm = await phone.submit(await phone.get(auth.verification_uri_complete), {})
      const login = await phone.submit(confirm, { confirm: 'yes' })
      const done = await phone.submit(login, { email: demo.email, password: demo.password })
      expect(text(done)).toContain('is signing in now')
      const token = await fetch(`${second.url}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: auth.device_code, client_id: 'tenfoot-tv' }),
      })
      expect(token.status).toBe(200)
    } finally {
      await second.close()
    }
  })
})
