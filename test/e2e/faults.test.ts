// Faults seen from the TV: the real service behind a proxy that can be down, slow, failing or garbled, and a real TV in
// Chromium. Each fault must give words and a way on (Try Again, or trying by itself), never a blank or stuck screen.
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultProxy, type FaultProxy } from '../support/faultProxy'
import { demo, startService, withAccount, tvSession } from '../support/service'
import { serveFolder } from '../support/staticServer'
import { accountPhone, session as sessionCall, signOutAllDevices } from '../support/tvApi'
import { launchBrowser, Tv } from '../support/tv'

type Service = Awaited<ReturnType<typeof startService>>
let browser: Browser
let tvHost: Awaited<ReturnType<typeof serveFolder>>
let service: Service
let proxy: FaultProxy

beforeAll(async () => {
  browser = await launchBrowser()
  tvHost = await serveFolder('build')
  service = await startService()
  await withAccount(service)
  proxy = await startFaultProxy(service.url)
})

afterAll(async () => {
  await browser?.close()
  await tvHost?.close()
  await proxy?.close()
  await service?.close()
})

const tvUrl = () => `${tvHost.url}/?service=${encodeURIComponent(proxy.url)}`
/** How many times the TV has asked the service for the plans. */
const plansAsked = () => proxy.seen.filter((r) => r === 'GET /api/plans').length
/** How many times the TV has asked the service for a pairing code. */
const codesAsked = () => proxy.seen.filter((r) => r === 'POST /device/auth').length
const screen = (tv: Tv) => tv.page.evaluate(() => ({ ...document.documentElement.dataset }))

/** Use Remote with the demo account typed in, focus on the keyboard's last row: two Rights reach Done. */
async function typeDemoAccount(tv: Tv) {
  await tv.openUseRemote()
  await tv.page.keyboard.type(demo.email)
  // Done is the last key of the last row.
  await tv.press('Down', 3)
  await tv.press('Right', 8)
  expect(await tv.announcement()).toMatch(/Done$/)
  await tv.press('Enter')
  await tv.heard(/^Password/)
  await tv.page.keyboard.type(demo.password)
}

/** From Home, through the menu to Get Help, with Sign Out focused. */
async function openGetHelp(tv: Tv) {
  await tv.heard(/^Home\./)
  await tv.press('Left')
  await tv.heard('Main menu')
  await tv.press('Down', 4)
  await tv.heard('Get Help, 6 of 6')
  await tv.press('Enter')
  await tv.heard('Get Help. Sign Out, button, 1 of 3')
}

/** What a person sees is never blank and always has a visible focus. */
async function notStuck(tv: Tv, name: string) {
  const shot = await tv.screenshot(name)
  expect(shot.colours, `${name} is not blank`).toBeGreaterThan(8)
  const d = await screen(tv)
  expect(d.tenfootFocusVisible, `${name}: focus is visible on ${d.tenfootScreen}`).toBe('true')
}

/** A new TV on Use Phone with the service down: it says so, with Try Again focused. */
async function usePhoneWithServiceDown(): Promise<Tv> {
  proxy.fault = 'down'
  const tv = await Tv.open(browser, tvUrl())
  await tv.heard('Welcome to Tenfoot')
  await tv.press('Enter')
  await tv.heard('Choose How to Sign In')
  await tv.press('Enter')
  expect(await tv.heard(/Try Again, button.*can’t reach its servers/)).toBeTruthy()
  return tv
}

/**
 * Try Again pressed while the TV is trying again by itself, the service now slow to answer: it waits for the TV's own
 * request (counted by `asked`), presses OK during it, and expects to hear `said` and see a new request at once.
 */
async function tryAgainWhileRetrying(tv: Tv, asked: () => number, said: string) {
  proxy.fault = 'slow'
  const inFlight = asked()
  await expect.poll(asked, { timeout: 10_000 }).toBeGreaterThan(inFlight)
  await tv.press('Enter')
  expect(await tv.heard(said)).toBeTruthy()
  await expect.poll(asked, { timeout: 5_000 }).toBeGreaterThan(inFlight + 1)
}

describe('faults seen from the TV', () => {
  it('When the service is down on Use Phone, then the TV says so with Try Again, keeps trying, and shows a code by itself when it is back', { timeout: 90_000 }, async () => {
    const tv = await usePhoneWithServiceDown()
    await notStuck(tv, 'fault-down-use-phone')
    proxy.fault = 'none'
    // Back off and try again by itself: no key pressed.
    expect(await tv.heard(/enter code \d{4} \d{4}/, 30_000)).toBeTruthy()
    await notStuck(tv, 'fault-recovered-use-phone')
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When Try Again is pressed on Use Phone while it tries by itself, then it asks afresh at once, says so, keeps focus on Try Again, and shows the code that comes', { timeout: 60_000 }, async () => {
    const tv = await usePhoneWithServiceDown()
    await tryAgainWhileRetrying(tv, codesAsked, 'Getting a code…')
    expect((await screen(tv)).tenfootFocus).toMatch(/^Try Again/)
    await notStuck(tv, 'fault-use-phone-try-again')
    proxy.fault = 'none'
    expect(await tv.heard(/enter code \d{4} \d{4}/, 20_000)).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the service answers 500 and then garbled JSON for the plans, then Get Started says so, and Try Again loads them once it is well', { timeout: 60_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    await tv.heard('Welcome to Tenfoot')
    for (const fault of ['error500', 'malformed'] as const) {
      proxy.fault = fault
      await tv.press('Down')
      await tv.press('Enter')
      expect(await tv.heard(/Try Again, button, 1 of 1\. Tenfoot can’t reach its servers/)).toBeTruthy()
      await notStuck(tv, `fault-${fault}-plans`)
      // Leave only once it has tried again by itself: the next visit still starts afresh, not mid back-off.
      const asked = plansAsked()
      await expect.poll(plansAsked, { timeout: 5_000 }).toBeGreaterThan(asked)
      await tv.press('Back')
      await tv.heard('Welcome to Tenfoot')
    }
    await tv.press('Down')
    await tv.press('Enter')
    await tv.heard(/Try Again, button/)
    proxy.fault = 'none'
    await tv.press('Enter')
    expect(await tv.heard(/Basic, \$6\.99 per month/)).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the plans cannot be loaded, then the TV says so once while it keeps trying, arrows cannot lose focus, Try Again asks afresh at once, and the plans come when the service is back', { timeout: 60_000 }, async () => {
    proxy.fault = 'down'
    const tv = await Tv.open(browser, tvUrl())
    await tv.heard('Welcome to Tenfoot')
    await tv.press('Down')
    await tv.press('Enter')
    expect(await tv.heard(/Try Again, button, 1 of 1\. Tenfoot can’t reach its servers/)).toBeTruthy()
    // Everything said from now on.
    await tv.page.evaluate(() => {
      const said: string[] = ((window as unknown as { said: string[] }).said = [])
      const el = document.getElementById('announcer')!
      new MutationObserver(() => said.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true })
    })
    const before = plansAsked()
    await tv.press('Right', 3)
    await tv.press('Left')
    await tv.press('Right', 2)
    // It tries again by itself (after 1 s, then 2 s), quietly: the failure and Try Again stay, with focus.
    await expect.poll(plansAsked, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2)
    expect(await tv.page.evaluate(() => (window as unknown as { said: string[] }).said)).toEqual([])
    await notStuck(tv, 'fault-plans-retrying')
    await tryAgainWhileRetrying(tv, plansAsked, 'Loading plans…')
    proxy.fault = 'none'
    expect(await tv.heard(/^Basic, \$6\.99 per month/, 20_000)).toBeTruthy()
    expect((await screen(tv)).tenfootFocus).toMatch(/^Basic/)
    await tv.press('Right')
    expect(await tv.heard(/^Standard, /)).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the service takes 5 s to answer, then the TV shows that it is working, stays usable, and carries on when the answer comes', { timeout: 60_000 }, async () => {
    proxy.fault = 'slow'
    const tv = await Tv.open(browser, tvUrl())
    await tv.heard('Welcome to Tenfoot')
    await tv.press('Down')
    await tv.press('Enter')
    expect(await tv.heard(/Loading plans/)).toBeTruthy()
    await tv.screenshot('fault-slow-plans')
    // Back works while it waits, and going in again waits again.
    await tv.press('Back')
    expect(await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')).toBeTruthy()
    await tv.press('Down')
    await tv.press('Enter')
    expect(await tv.heard(/Loading plans/)).toBeTruthy()
    expect(await tv.heard(/Basic, \$6\.99 per month/, 15_000)).toBeTruthy()
    await notStuck(tv, 'fault-slow-plans-arrived')
    proxy.fault = 'none'
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When Use Remote’s sign-in meets garbled JSON, then the TV says so and the form still works; the next Done signs in', { timeout: 60_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    await typeDemoAccount(tv)
    proxy.fault = 'malformed'
    await tv.press('Right', 2)
    await tv.press('Enter')
    // Use Remote does not try again by itself, so it says how to.
    expect(await tv.heard(/can’t reach its servers\. Check your network, then choose Done to try again\./)).toBeTruthy()
    await notStuck(tv, 'fault-malformed-use-remote')
    proxy.fault = 'none'
    await tv.press('Enter')
    expect(await tv.heard(/^Home\./, 10_000)).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When Use Remote’s sign-in waits on a slow service, then the TV says it is signing in, and Back returns to the password at once', { timeout: 60_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    await typeDemoAccount(tv)
    proxy.fault = 'slow'
    await tv.press('Right', 2)
    await tv.press('Enter')
    expect(await tv.heard(/^Signing in…/)).toBeTruthy()
    const asked = Date.now()
    await tv.press('Back')
    expect(await tv.heard(`Password for ${demo.email}`, 2_000)).toBeTruthy()
    // Back to the password well before the slow answer (5 s) could have come.
    expect(Date.now() - asked).toBeLessThan(4_000)
    await notStuck(tv, 'fault-slow-use-remote-back')
    proxy.fault = 'none'
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the TV is signed out while the service is down, then Welcome comes at once, and the sign-out reaches the service by itself once it is back', { timeout: 60_000 }, async () => {
    proxy.fault = 'none'
    const session = await tvSession(service, 'Outage TV')
    const tv = await Tv.open(browser, tvUrl(), { session })
    await openGetHelp(tv)
    proxy.fault = 'down'
    await tv.press('Enter')
    await tv.heard(/^Sign out of Tenfoot\?/)
    await tv.press('Left')
    await tv.heard('Yes, button, 1 of 2')
    await tv.press('Enter')
    expect(await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2', 5_000)).toBeTruthy()
    expect(await tv.page.evaluate(() => localStorage.getItem('tenfoot.session'))).toBeNull()
    // The service never heard: the TV still owes it the sign-out.
    expect((await sessionCall(service.url, session.accessToken)).status).toBe(200)
    expect(await tv.page.evaluate(() => localStorage.getItem('tenfoot.pendingRevocations'))).toContain(session.refreshToken)
    proxy.fault = 'none'
    // Left on Welcome, not relaunched: the TV sends it by itself, and the device is signed out for real.
    await expect.poll(async () => (await sessionCall(service.url, session.accessToken)).status, { timeout: 30_000, interval: 500 }).toBe(401)
    await expect.poll(async () => (await tv.page.evaluate(() => localStorage.getItem('tenfoot.pendingRevocations'))) ?? '').not.toContain(session.refreshToken)
    await notStuck(tv, 'fault-down-sign-out')
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When Check your network is chosen on Get Help, then the TV checks and says whether Tenfoot’s servers answer, and what to do when they do not', { timeout: 60_000 }, async () => {
    proxy.fault = 'none'
    const tv = await Tv.open(browser, tvUrl(), { session: await tvSession(service, 'Check TV') })
    await openGetHelp(tv)
    await tv.press('Down')
    expect(await tv.heard('Check your network, button, 2 of 3. Press OK to check this TV’s connection to Tenfoot.')).toBeTruthy()
    await tv.press('Enter')
    expect(await tv.heard(/^Connected\. Tenfoot’s servers answered in \d+ ms\./)).toBeTruthy()
    expect(proxy.seen).toContain('GET /healthz')
    proxy.fault = 'down'
    await tv.press('Enter')
    expect(await tv.heard(/^This TV is on a network, but Tenfoot’s servers can’t be reached right now\./)).toBeTruthy()
    await notStuck(tv, 'fault-down-check-network')
    proxy.fault = 'none'
    await tv.press('Enter')
    expect(await tv.heard(/^Connected\./)).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the access token has expired, then the TV refreshes it quietly and shows Home with no message', { timeout: 60_000 }, async () => {
    proxy.fault = 'none'
    const session = { ...(await tvSession(service, 'Expired TV')), expiresAt: Date.now() - 60_000 }
    const tv = await Tv.open(browser, tvUrl(), { session })
    const said = await tv.heard(/^Home\./)
    expect(said).not.toMatch(/signed out|can’t reach/)
    await expect
      .poll(async () => JSON.parse((await tv.page.evaluate(() => localStorage.getItem('tenfoot.session'))) ?? '{}').accessToken)
      .not.toBe(session.accessToken)
    expect(await tv.page.evaluate(() => localStorage.getItem('tenfoot.session'))).toContain('expiresAt')
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the session is revoked while the TV’s check is in flight, then the TV lands on Welcome and says it was signed out elsewhere', { timeout: 60_000 }, async () => {
    const session = await tvSession(service, 'Revoked TV')
    proxy.fault = 'slow'
    const asked = proxy.seen.length
    const tv = await Tv.open(browser, tvUrl(), { session })
    // The TV's check (its session stream) is on its way through the slow proxy before the sign-out.
    await expect.poll(() => proxy.seen.slice(asked).includes('GET /api/session/events'), { timeout: 10_000 }).toBe(true)
    const { phone, devices } = await accountPhone(service.url)
    await signOutAllDevices(phone, devices)
    expect((await sessionCall(service.url, session.accessToken)).status).toBe(401)
    expect(await tv.heard('You were signed out from another device', 30_000)).toBeTruthy()
    proxy.fault = 'none'
    await notStuck(tv, 'fault-revoked-mid-call')
    expect(await tv.page.evaluate(() => localStorage.getItem('tenfoot.session'))).toBeNull()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the TV was signed out on the devices page while it was off, then at launch it reaches Welcome within 5 s and says why', { timeout: 60_000 }, async () => {
    proxy.fault = 'none'
    const session = await tvSession(service, 'Off TV')
    const { phone, devices } = await accountPhone(service.url)
    await signOutAllDevices(phone, devices)
    const started = Date.now()
    const tv = await Tv.open(browser, tvUrl(), { session })
    expect(await tv.heard('You were signed out from another device', 5_000)).toBeTruthy()
    expect(Date.now() - started).toBeLessThan(5_000)
    await expect.poll(() => tv.page.evaluate(() => document.documentElement.dataset.tenfootScreen)).toBe('welcome')
    expect(await tv.page.evaluate(() => localStorage.getItem('tenfoot.session'))).toBeNull()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the session stream drops, then the TV reconnects with backoff, and a later sign-out still reaches it; a restart while the service is down stays signed in', { timeout: 90_000 }, async () => {
    proxy.fault = 'none'
    const session = await tvSession(service, 'Stream TV')
    const tv = await Tv.open(browser, tvUrl(), { session })
    await tv.heard(/^Home\./)
    const opened = () => proxy.seen.filter((s) => s === 'GET /api/session/events').length
    // Wait until the stream is answered, not only asked for: a drop before the answer would cut nothing.
    await expect.poll(() => proxy.openStreams, { timeout: 10_000 }).toBeGreaterThan(0)
    const before = opened()
    proxy.fault = 'dropStreams'
    await expect.poll(opened, { timeout: 15_000 }).toBeGreaterThan(before)
    await notStuck(tv, 'fault-stream-dropped')

    // A restart while the service is down: still signed in, Home works from what is on the TV.
    proxy.fault = 'down'
    await tv.page.reload()
    expect(await tv.heard(/^Home\./)).toBeTruthy()
    await notStuck(tv, 'fault-restart-offline')
    proxy.fault = 'none'
    // Back: the stream reconnects by itself and the next sign-out still arrives.
    const reopened = opened()
    await expect.poll(opened, { timeout: 30_000 }).toBeGreaterThan(reopened)
    await expect.poll(() => proxy.openStreams, { timeout: 10_000 }).toBeGreaterThan(0)
    const { phone, devices } = await accountPhone(service.url)
    const started = Date.now()
    await signOutAllDevices(phone, devices)
    expect(await tv.heard('You were signed out from another device', 5_000)).toBeTruthy()
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(tv.errors).toEqual([])
    await tv.close()
  })
})
