// Signing in and out for real: the TV app in Chromium, the account service on 127.0.0.1, and a phone-sized page playing the phone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, Page } from 'playwright-core'
import type { PNG } from 'pngjs'
import { keyRows, keyXs, moveRow, spoken, type KeyPress } from '../../src/components/keys'
import { decodeQr } from '../support/qr'
import { demo, startService, withAccount } from '../support/service'
import { serveFolder } from '../support/staticServer'
import { launchBrowser, Tv } from '../support/tv'

type Service = Awaited<ReturnType<typeof startService>>
let browser: Browser
let tvHost: Awaited<ReturnType<typeof serveFolder>>
let service: Service

beforeAll(async () => {
  browser = await launchBrowser()
  tvHost = await serveFolder('build')
  service = await startService()
  await withAccount(service)
})

afterAll(async () => {
  await browser?.close()
  await tvHost?.close()
  await service?.close()
})

const tvUrl = (svc: { url: string } = service) => `${tvHost.url}/?service=${encodeURIComponent(svc.url)}`

async function phone(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  return context.newPage()
}

/**
 * The pairing code's two groups of four digits as drawn (left of the QR panel, in the accent colour): each group's
 * width in pixels. The digits are all as wide as each other, so a group cut short at the texture's edge shows.
 */
function codeGroupWidths(png: PNG): number[] {
  const lit: boolean[] = []
  for (let x = 0; x < 1250; x++) {
    lit[x] = false
    for (let y = 400; y < 560 && !lit[x]; y++) {
      const i = (png.width * y + x) * 4
      const [r, g, b] = [png.data[i] ?? 0, png.data[i + 1] ?? 0, png.data[i + 2] ?? 0]
      lit[x] = r > 200 && g > 140 && g < 230 && b < 140
    }
  }
  const runs: [number, number][] = []
  for (let x = 0; x < lit.length; x++) {
    if (!lit[x]) continue
    const last = runs.at(-1)
    // Digits are a few pixels apart; the space between the groups is much wider.
    if (last && x - last[1] < 40) last[1] = x
    else runs.push([x, x])
  }
  return runs.map(([a, b]) => b - a + 1)
}

/** Both groups of the code are drawn whole: two groups, the second as wide as the first. */
function expectWholeCode(png: PNG) {
  const groups = codeGroupWidths(png)
  expect(groups.length, `the code is two groups of digits: ${groups.join(', ')} px`).toBe(2)
  const [first = 0, second = 0] = groups
  expect(Math.abs(first - second), `both groups of the code are drawn whole: ${first} and ${second} px`).toBeLessThan(first * 0.08)
}

/** From Welcome to the Use Phone screen; returns the QR's URL as a phone camera reads it from the TV's picture. */
async function openUsePhone(tv: Tv): Promise<{ url: string; code: string }> {
  await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')
  await tv.press('Enter')
  expect(await tv.heard('Choose How to Sign In. Use Phone, button, 1 of 2')).toBeTruthy()
  await tv.press('Enter')
  const said = await tv.heard(/enter code (\d{4} \d{4})/)
  const code = /enter code (\d{4} \d{4})/.exec(said)?.[1] ?? ''
  const shot = await tv.screenshot('signin-use-phone')
  expectWholeCode(shot.png)
  const url = decodeQr(shot.png) ?? ''
  return { url, code }
}

async function signInOnPhone(page: Page, account = demo) {
  await page.getByRole('button', { name: 'Continue' }).click()
  await page.getByText(/Check that your TV shows/).waitFor()
  await page.getByRole('button', { name: 'Confirm' }).click()
  await page.getByLabel('Email').fill(account.email)
  await page.getByLabel('Password').fill(account.password)
  await page.getByRole('button', { name: 'Sign In' }).click()
  await page.getByText('is signing in now').waitFor()
}

describe('Use Phone', () => {
  it('When the phone scans the QR, signs in and confirms, then the TV reaches Home; signing the TV out on the devices page returns it to Welcome', { timeout: 90_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    const { url, code } = await openUsePhone(tv)
    expect(url).toBe(`${service.url}/tv/${code.replace(' ', '')}`)
    const p = await phone()
    await p.goto(url)
    expect(await p.getByLabel('Code on your TV').inputValue()).toBe(code)
    await p.getByRole('button', { name: 'Continue' }).click()
    await expect.poll(() => p.textContent('h1')).toContain('Sign in on Web TV (Web browser)')
    expect(await p.textContent('body')).toContain(`Check that your TV shows ${code}`)
    await p.screenshot({ path: 'test-results/screens/phone-confirm.png' })
    await p.getByRole('button', { name: 'Confirm' }).click()
    await p.getByLabel('Email').fill(demo.email)
    await p.getByLabel('Password').fill(demo.password)
    await p.getByRole('button', { name: 'Sign In' }).click()
    await p.getByText('is signing in now').waitFor()
    const confirmedAt = Date.now()
    expect(await tv.heard(/^Home\./, 8_000)).toBeTruthy()
    // Within one polling interval of the phone's Confirm.
    expect(Date.now() - confirmedAt).toBeLessThan(6_000)
    await tv.screenshot('signin-home-after-phone')
    // Paired by phone, the TV was not told whose account it is: it asks once Home has shown, and keeps it.
    await expect.poll(() => tv.page.evaluate(() => JSON.parse(localStorage.getItem('tenfoot.session') ?? '{}').account), { timeout: 8_000 }).toBe(demo.email)

    // Get Help names the account, and About this device shows the name the phone and the device list show.
    await tv.press('Left')
    await tv.press('Down', 4)
    await tv.press('Enter')
    expect(await tv.heard(`Get Help. Sign Out, button, 1 of 3. This TV is signed in to ${demo.email}. Sign out of Tenfoot on this TV.`)).toBeTruthy()
    await tv.press('Enter')
    expect(await tv.heard(`Sign out of Tenfoot? This TV is signed in to ${demo.email}. You will need to sign in again`)).toBeTruthy()
    await tv.screenshot('signin-confirm-sign-out-names-account')
    await tv.press('Back')
    await tv.heard('Get Help. Sign Out, button, 1 of 3')
    await tv.press('Down', 2)
    expect(await tv.heard(`About this device, button, 3 of 3. Account: ${demo.email}. Device name: Web TV. Platform: Web browser`)).toBeTruthy()

    // Remote sign-out from Account → Security and Privacy → Manage Access and Devices.
    await p.goto(`${service.url}/account/devices`)
    await p.getByLabel('Email').fill(demo.email)
    await p.getByLabel('Password').fill(demo.password)
    await p.getByRole('button', { name: 'Sign In' }).click()
    await p.getByRole('heading', { name: 'Manage Access and Devices' }).waitFor()
    await p.screenshot({ path: 'test-results/screens/phone-devices.png', fullPage: true })
    await p.getByRole('button', { name: 'Sign out Web TV', exact: true }).click()
    const signedOutAt = Date.now()
    expect(await tv.heard('You were signed out from another device', 5_000)).toBeTruthy()
    expect(Date.now() - signedOutAt).toBeLessThan(5_000)
    await tv.screenshot('signin-remote-signout')
    expect(await tv.page.evaluate(() => localStorage.getItem('tenfoot.session'))).toBeNull()
    expect(tv.errors).toEqual([])
    await tv.close()
    await p.context().close()
  })

  it('When the user types the code at /tv instead of scanning, then the TV is signed in too, and stays signed in after a restart', { timeout: 60_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    const { code } = await openUsePhone(tv)
    const p = await phone()
    await p.goto(`${service.url}/tv`)
    await p.getByLabel('Code on your TV').fill(code.replace(' ', ''))
    await signInOnPhone(p)
    expect(await tv.heard(/^Home\./, 8_000)).toBeTruthy()
    await tv.page.reload()
    expect(await tv.heard(/^Home\./)).toBeTruthy()
    await tv.close()
    await p.context().close()
  })

  it('When the code expires, then the TV shows a fresh one by itself', { timeout: 60_000 }, async () => {
    const short = await startService({ deviceCodeTtl: 4 })
    try {
      const tv = await Tv.open(browser, tvUrl(short))
      const first = await openUsePhone(tv)
      const said = await tv.heard(/That code expired, so here is a new one\. .*enter code (\d{4} \d{4})/, 15_000)
      expect(/enter code (\d{4} \d{4})/.exec(said)?.[1]).not.toBe(first.code)
      await tv.close()
    } finally {
      await short.close()
    }
  })

  it('When the phone presses Cancel, then the TV says so and shows a fresh code', { timeout: 60_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    const { url, code } = await openUsePhone(tv)
    const p = await phone()
    await p.goto(url)
    await p.getByRole('button', { name: 'Continue' }).click()
    await p.getByRole('button', { name: 'Cancel' }).click()
    await p.getByText('Sign-in cancelled').waitFor()
    const said = await tv.heard(/Sign-in was cancelled on the phone.*enter code (\d{4} \d{4})/, 10_000)
    expect(/enter code (\d{4} \d{4})/.exec(said)?.[1]).not.toBe(code)
    await tv.close()
    await p.context().close()
  })

  it('When the service stops during pairing and comes back, then the TV reconnects and the pairing still completes', { timeout: 90_000 }, async () => {
    const own = await startService()
    await withAccount(own)
    const port = Number(new URL(own.url).port)
    const tv = await Tv.open(browser, tvUrl(own))
    const { url } = await openUsePhone(tv)
    await own.close()
    expect(await tv.heard('Reconnecting', 15_000)).toBeTruthy()
    await tv.screenshot('signin-reconnecting')
    const again = await startService({ dataDir: own.dataDir, port })
    try {
      const p = await phone()
      await p.goto(url)
      await signInOnPhone(p)
      expect(await tv.heard(/^Home\./, 30_000)).toBeTruthy()
      await p.context().close()
      await tv.close()
    } finally {
      await again.close()
    }
  })

  it('When Use Phone is opened and left again and again, then each visit’s code and QR are freed with it: back on Welcome the TV holds no more texture memory than after the first visit', { timeout: 90_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    const pixels = () => tv.page.evaluate(() => (window as unknown as { __tenfootStage: { textureManager: { usedMemory: number } } }).__tenfootStage.textureManager.usedMemory)
    const visit = async () => {
      await openUsePhone(tv)
      await tv.press('Back')
      await tv.heard('Choose How to Sign In. Use Phone, button, 1 of 2')
      await tv.press('Back')
      await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')
    }
    await visit()
    const afterFirst = await pixels()
    for (let i = 0; i < 5; i++) await visit()
    expect(await pixels()).toBeLessThanOrEqual(afterFirst)
    expect(tv.errors).toEqual([])
    await tv.close()
  })
})

describe('Use Remote', () => {
  it('When the email and password have symbols and capitals, then the remote alone types them and reaches Home', { timeout: 120_000 }, async () => {
    const account = await withAccount(service, { email: 'kim+tv@example.com', password: 'Couch!Time#42' })
    const tv = await Tv.open(browser, tvUrl())
    await tv.openUseRemote()
    const keys: OnScreenKeys = { shift: false, symbols: false, masked: null, row: 0, col: 0 }
    const remote = arrowTyping(tv, keys)
    await remote.type(account.email)
    await remote.press('done')
    expect(await tv.heard('Password for kim+tv@example.com')).toBeTruthy()
    // The password step adds Show password before Done, and focus stays on Done.
    keys.masked = true
    keys.col = keyRows(keys)[keys.row]!.findIndex((k) => k.press.kind === 'done')
    await remote.type(account.password.slice(0, 6))
    await tv.screenshot('signin-use-remote-symbols')
    await remote.type(account.password.slice(6))
    await remote.press('done')
    expect(await tv.heard(/^Home\./, 10_000)).toBeTruthy()
    // The account typed is the one Get Help and the sign-out question name.
    expect(await tv.page.evaluate(() => JSON.parse(localStorage.getItem('tenfoot.session') ?? '{}').account)).toBe(account.email)
    // The keyboard is the busiest screen. Lightning does not check its quad buffer's end (a frame past it throws, every
    // frame after it too), so the app's buffer is sized to what it draws: keep a wide margin.
    const { most, capacity } = await tv.quadUse()
    expect(most.useRemote).toBeGreaterThan(50)
    expect(Math.max(...Object.values(most))).toBeLessThan(capacity / 4)
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  /** Move focus to a key of the on-screen keyboard's last row by what it says, then press it. */
  async function pressKey(tv: Tv, name: string) {
    await tv.press('Down', 3)
    await tv.press('Left', 8)
    for (let i = 0; i < 8; i++) {
      if ((await tv.announcement()).endsWith(name)) break
      await tv.press('Right')
    }
    expect(await tv.announcement()).toMatch(new RegExp(`${name}$`))
    await tv.press('Enter')
  }

  it('When the password is wrong, then the TV says so and the form still works; the right one reaches Home', { timeout: 60_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    await tv.openUseRemote()
    await tv.page.keyboard.type(demo.email)
    await pressKey(tv, 'Done')
    // Focus stays on Done, not on the Show key the password step adds: OK pressed twice must not reveal the password.
    expect(await tv.heard(/^Password for .*\. Done$/)).toBeTruthy()
    await tv.press('Enter')
    expect(await tv.heard('Enter your password, then choose Done.')).toBeTruthy()
    await tv.page.keyboard.type('not the password')
    await pressKey(tv, 'Done')
    const refused = 'That email and password don’t match. Check them and try again.'
    expect(await tv.heard(refused)).toBeTruthy()
    await tv.screenshot('signin-use-remote-wrong-password')
    // The refused password is gone from the field: OK on Done asks for one, with no Delete pressed per character.
    await tv.press('Enter')
    expect(await tv.heard('Enter your password, then choose Done.')).toBeTruthy()
    // The same mistake again is said again, not left silent because the words did not change.
    await tv.page.keyboard.type('not the password')
    await tv.page.evaluate(() => ((document.getElementById('announcer') as HTMLElement).textContent = ''))
    await tv.press('Enter')
    expect(await tv.heard(refused)).toBeTruthy()
    await tv.page.keyboard.type(demo.password)
    await tv.press('Enter')
    expect(await tv.heard(/^Home\./, 10_000)).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })
})

/** Where focus is on the on-screen keyboard, and which keys it shows. */
interface OnScreenKeys {
  shift: boolean
  symbols: boolean
  masked: boolean | null
  row: number
  col: number
}

/**
 * The on-screen keyboard driven with the arrows and OK alone, as a remote does: each move is planned with the
 * keyboard's own rules (src/components/keys.ts), and every key reached is checked by what the TV says before OK.
 */
function arrowTyping(tv: Tv, keys: OnScreenKeys) {
  const rows = () => keyRows(keys)
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  const goTo = async (row: number, col: number) => {
    // A run of Up and Down keeps to the column where it began, as Keyboard does.
    const x = keyXs(rows()[keys.row]!)[keys.col]
    while (keys.row !== row) {
      const delta = row > keys.row ? 1 : -1
      Object.assign(keys, moveRow(rows(), keys.row, keys.col, delta, x))
      await tv.press(delta > 0 ? 'Down' : 'Up')
    }
    while (keys.col !== col) {
      const delta = col > keys.col ? 1 : -1
      keys.col += delta
      await tv.press(delta > 0 ? 'Right' : 'Left')
    }
    expect(await tv.announcement()).toMatch(new RegExp(`${escape(rows()[row]![col]!.announce)}$`))
  }
  /** Press the key that does `kind`. A key that changes the keys keeps focus, as Keyboard does. */
  const press = async (kind: Exclude<KeyPress['kind'], 'char'>) => {
    const row = rows().length - 1
    await goTo(row, rows()[row]!.findIndex((k) => k.press.kind === kind))
    await tv.press('Enter')
    if (kind === 'shift') keys.shift = !keys.shift
    if (kind === 'symbols') keys.symbols = !keys.symbols
    if (kind === 'shift' || kind === 'symbols') keys.col = rows()[keys.row]!.findIndex((k) => k.press.kind === kind)
  }
  const find = (char: string, page: Partial<OnScreenKeys> = {}) =>
    keyRows({ ...keys, ...page })
      .flatMap((r, row) => r.map((k, col) => ({ k, row, col })))
      .find(({ k }) => k.press.kind === 'char' && k.press.char === char)
  const type = async (text: string) => {
    for (const char of text) {
      // Not on the keys shown: a letter is on the letters page in the other case; anything else is on the other page.
      const letter = /[A-Za-z]/.test(char)
      if (!find(char) && (!letter || keys.symbols)) await press('symbols')
      if (!find(char) && letter) await press('shift')
      const at = find(char)
      if (!at) throw new Error(`no key types ${char}`)
      await goTo(at.row, at.col)
      await tv.press('Enter')
      // Typing is echoed; a hidden password's characters as "bullet".
      expect(await tv.announcement()).toBe(keys.masked === true ? 'bullet' : spoken(char))
    }
  }
  return { type, press }
}

describe('Get Started', () => {
  it('When a plan is chosen on the TV and the account is created on the phone, then the TV is signed in with nothing typed on it', { timeout: 60_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    await tv.heard('Welcome to Tenfoot')
    await tv.press('Down')
    await tv.press('Enter')
    expect(await tv.heard(/Basic, \$6\.99 per month, Video: HD/)).toBeTruthy()
    await tv.press('Right', 2)
    expect(await tv.heard(/Premium, \$22\.99 per month, Video: 4K HDR, 4 screens at once, No ads/)).toBeTruthy()
    await tv.screenshot('signin-plans')
    await tv.press('Enter')
    await tv.heard(/enter code \d{4} \d{4}/)
    expect(await tv.page.evaluate(() => document.documentElement.dataset.tenfootScreen)).toBe('planChosen')
    const shot = await tv.screenshot('signin-plan-chosen')
    const url = decodeQr(shot.png) ?? ''
    expect(url).toMatch(/\/tv\/\d{8}\?plan=premium$/)
    const p = await phone()
    await p.goto(url)
    await p.getByRole('button', { name: 'Continue' }).click()
    await p.getByText('You chose the Premium plan').waitFor()
    await p.getByRole('button', { name: 'Confirm' }).click()
    expect(await p.getByLabel('Premium').isChecked()).toBe(true)
    await p.getByLabel('Your name').fill('New Viewer')
    await p.getByLabel('Email').fill('new.viewer@example.com')
    await p.getByLabel('Password (8 characters or more)').fill('a good long password')
    await p.getByRole('button', { name: 'Create Account' }).click()
    await p.getByText('is signing in now').waitFor()
    expect(await tv.heard(/^Home\./, 8_000)).toBeTruthy()
    await tv.close()
    await p.context().close()
  })
})

describe('Back on the sign-in screens', () => {
  it('When Back is pressed on each sign-in screen, then it goes one step back, never out of the app', { timeout: 60_000 }, async () => {
    const tv = await Tv.open(browser, tvUrl())
    const asked: string[] = []
    tv.page.on('request', (r) => asked.push(r.url()))
    await tv.heard('Welcome to Tenfoot')
    await tv.press('Enter')
    await tv.heard('Choose How to Sign In')
    await tv.press('Enter')
    await tv.heard(/enter code/)
    await tv.press('Back')
    expect(await tv.heard('Choose How to Sign In. Use Phone, button, 1 of 2')).toBeTruthy()
    await tv.press('Down')
    await tv.press('Enter')
    await tv.heard('Sign in with your remote. Email')
    await tv.page.keyboard.type('a@b.co')
    // Done, the last key of the last row.
    await tv.press('Down', 3)
    await tv.press('Right', 8)
    await tv.press('Enter')
    await tv.heard(/^Password/)
    await tv.press('Back')
    expect(await tv.heard(/^Email/)).toBeTruthy()
    await tv.press('Back')
    expect(await tv.heard('Choose How to Sign In')).toBeTruthy()
    await tv.press('Back')
    expect(await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')).toBeTruthy()
    await tv.press('Down')
    await tv.press('Enter')
    await tv.heard(/Basic, \$6\.99 per month/)
    await tv.press('Right')
    const chosen = /^Standard, [^,]+ per month/
    await tv.heard(chosen)
    await tv.press('Enter')
    await tv.heard(/enter code/)
    await tv.press('Back')
    // Back on the plan that was chosen, not the first.
    expect(await tv.heard(new RegExp(`Choose your plan\\. ${chosen.source.slice(1)}`))).toBeTruthy()
    await tv.press('Back')
    expect(await tv.heard('Welcome to Tenfoot')).toBeTruthy()
    // Get Started again moments later: the plans at once, on the one chosen, without loading them again.
    const plansAsked = () => asked.filter((u) => u.includes('/api/plans')).length
    expect(plansAsked()).toBe(1)
    await tv.press('Down')
    await tv.press('Enter')
    expect(await tv.heard(new RegExp(`Choose your plan\\. ${chosen.source.slice(1)}`))).toBeTruthy()
    expect(plansAsked()).toBe(1)
    expect(tv.errors).toEqual([])
    await tv.close()
  })
})
