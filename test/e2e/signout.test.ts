// The signed-in TV in real Chromium with the keyboard as the remote: the sign-out journey, and Home's rails.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import type { PNG } from 'pngjs'
import { serveFolder } from '../support/staticServer'
import { difference, launchBrowser, leftmostWhite, Tv } from '../support/tv'

let browser: Browser
let server: Awaited<ReturnType<typeof serveFolder>>

beforeAll(async () => {
  browser = await launchBrowser()
  server = await serveFolder('build')
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
})

const seeded = { session: { accessToken: 'seeded-access', refreshToken: 'seeded-refresh' } }

/** Each step's picture must show something and differ from the step before: the user sees every change. */
async function step(tv: Tv, name: string, previous?: Awaited<ReturnType<Tv['screenshot']>>) {
  const shot = await tv.screenshot(name)
  expect(shot.colours, `${name} is not blank`).toBeGreaterThan(8)
  if (previous) expect(difference(previous.png, shot.png), `${name} differs from the step before`).toBeGreaterThan(0.002)
  return shot
}

type Area = readonly [x0: number, x1: number, y0: number, y1: number]

/** How many pixels of the area are near white, per column or per row: the shape of any text there. */
function lightCounts(png: PNG, [x0, x1, y0, y1]: Area, per: 'column' | 'row'): number[] {
  const counts: number[] = new Array(per === 'column' ? x1 - x0 : y1 - y0).fill(0)
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * png.width + x) * 4
      if (png.data[i]! >= 200 && png.data[i + 1]! >= 200 && png.data[i + 2]! >= 200) counts[per === 'column' ? x - x0 : y - y0]!++
    }
  }
  return counts
}

describe('Sign out on the TV', () => {
  it('When the user goes Home → menu → Get Help → Sign Out → No → Sign Out → Yes, then Welcome shows and a reload stays signed out', async () => {
    // Counts the reads of a shader's compile status: the app compiles its shader as it starts and reads only the link.
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    await context.addInitScript(() => {
      const proto = WebGLRenderingContext.prototype
      const read = proto.getShaderParameter
      const w = window as unknown as { __shaderStatusReads: number }
      w.__shaderStatusReads = 0
      proto.getShaderParameter = function (this: WebGLRenderingContext, ...args: Parameters<typeof read>) {
        w.__shaderStatusReads++
        return read.apply(this, args)
      }
    })
    const tv = await Tv.open(browser, server.url, { ...seeded, context })
    expect(await tv.heard(/^Home\. Top Picks for You\. .+, 1 of 12$/)).toBeTruthy()
    let shot = await step(tv, '01-home')
    expect(await tv.page.evaluate(() => (window as unknown as { __shaderStatusReads: number }).__shaderStatusReads), 'Home drew without waiting on a shader’s compile status').toBe(0)

    await tv.press('Left')
    expect(await tv.heard('Main menu. Home, current page, 2 of 6')).toBeTruthy()
    shot = await step(tv, '02-menu', shot)
    // The focused item's white ring stays clear of the screen's edge, as on every other screen.
    expect(leftmostWhite(shot.png), 'the menu’s focus ring keeps a margin from the left edge').toBeGreaterThanOrEqual(12)
    // Each item shows a label of its own beside its icon (the six are cut from one texture): text in every item's
    // label area, one line of it, whole (no part of a neighbour's label above or below it), and no two alike.
    const areas = [0, 1, 2, 3, 4, 5].map((i): Area => [120, 372, 260 + i * 96, 260 + i * 96 + 84])
    const labels = areas.map((area) => lightCounts(shot.png, area, 'column'))
    for (const [i, columns] of labels.entries()) expect(columns.filter((n) => n > 0).length, `menu item ${i + 1} shows its label`).toBeGreaterThan(40)
    for (const [i, area] of areas.entries()) {
      const rows = lightCounts(shot.png, area, 'row')
      const lit = rows.flatMap((n, y) => (n > 0 ? [y] : []))
      const height = (lit.at(-1) ?? 0) - (lit[0] ?? 0) + 1
      expect(lit.length, `menu item ${i + 1}'s label is one line, not parts of two`).toBe(height)
      expect(height, `menu item ${i + 1}'s label is whole`).toBeGreaterThanOrEqual(20)
      expect(height, `menu item ${i + 1}'s label is one line`).toBeLessThanOrEqual(40)
    }
    expect(new Set(labels.map((columns) => columns.join())).size, 'every menu item’s label differs').toBe(6)

    await tv.press('Down', 4)
    expect(await tv.heard('Get Help, 6 of 6')).toBeTruthy()
    await tv.press('Enter')
    expect(await tv.heard('Get Help. Sign Out, button, 1 of 3')).toBeTruthy()
    shot = await step(tv, '03-get-help', shot)

    await tv.press('Enter')
    const question = await tv.heard(/^Sign out of Tenfoot\?/)
    expect(question).toContain('Your other devices stay signed in')
    expect(question).toMatch(/No, button, 2 of 2$/)
    shot = await step(tv, '04-confirm-sign-out', shot)

    await tv.press('Enter') // No has focus by default
    expect(await tv.heard('Get Help. Sign Out, button, 1 of 3')).toBeTruthy()
    shot = await step(tv, '05-back-on-get-help', shot)
    expect(await tv.page.evaluate(() => localStorage.getItem('tenfoot.session'))).not.toBeNull()

    await tv.press('Enter')
    await tv.heard(/^Sign out of Tenfoot\?/)
    await tv.press('Left')
    expect(await tv.heard('Yes, button, 1 of 2')).toBeTruthy()
    await tv.press('Enter')
    expect(await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')).toBeTruthy()
    await step(tv, '06-welcome', shot)
    expect(await tv.page.evaluate(() => localStorage.getItem('tenfoot.session'))).toBeNull()

    await tv.press('Down')
    expect(await tv.heard('Get Started, button, 2 of 2')).toBeTruthy()

    await tv.page.reload()
    expect(await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When Back is pressed at each step, then it does what a TV user expects and never leaves them stuck', async () => {
    const tv = await Tv.open(browser, server.url, seeded)
    await tv.heard(/^Home\./)

    // Focus returns to where it was after the menu closes.
    await tv.press('Down')
    expect(await tv.heard(/Trending Now\. .+, 1 of 12$/)).toBeTruthy()
    const trendingFirst = await tv.announcement()
    await tv.press('Left')
    await tv.heard('Main menu')
    await tv.press('Back') // opened with Left: Back closes it
    expect(await tv.heard(trendingFirst.split('. ').pop() ?? '')).toBeTruthy()
    await tv.press('Left')
    await tv.heard('Main menu')
    await tv.press('Right') // Right closes it too
    expect(await tv.heard(trendingFirst.split('. ').pop() ?? '')).toBeTruthy()

    // Back on Home opens the menu; Back again asks to exit; Back on that question means No.
    await tv.press('Back')
    expect(await tv.heard('Main menu. Home, current page, 2 of 6')).toBeTruthy()
    await tv.press('Back')
    expect(await tv.heard(/^Exit Tenfoot\?.*No, button, 2 of 2$/)).toBeTruthy()
    await tv.screenshot('07-confirm-exit')
    await tv.press('Back')
    expect(await tv.heard(/Home, current page, 2 of 6$/)).toBeTruthy()

    // Back on a section other than Home goes Home.
    await tv.press('Down', 4)
    await tv.press('Enter')
    await tv.heard('Get Help. Sign Out, button, 1 of 3')
    await tv.press('Enter')
    await tv.heard(/^Sign out of Tenfoot\?/)
    await tv.press('Back') // Back means No
    expect(await tv.heard('Get Help. Sign Out, button, 1 of 3')).toBeTruthy()
    await tv.press('Back')
    expect(await tv.heard(/^Home\./)).toBeTruthy()

    // Each section is reachable and Back returns Home from it.
    for (const [downs, name] of [[2, 'TV Shows'], [3, 'Movies'], [4, 'My List']] as const) {
      await tv.press('Left')
      await tv.heard('Main menu')
      await tv.press('Down', downs - 1)
      await tv.press('Enter')
      expect(await tv.heard(new RegExp(`^${name}\\.`))).toBeTruthy()
      await tv.screenshot(`08-section-${name.toLowerCase().replace(' ', '-')}`)
      await tv.press('Back')
      expect(await tv.heard(/^Home\./)).toBeTruthy()
    }

    // Exit → Yes in a browser tab that cannot close itself: a clear page with a way back in.
    await tv.press('Back')
    await tv.heard('Main menu')
    await tv.press('Back')
    await tv.heard(/^Exit Tenfoot\?/)
    await tv.press('Left')
    await tv.press('Enter')
    expect(await tv.heard(/^Tenfoot is closed\..*Open Tenfoot, button, 1 of 1$/)).toBeTruthy()
    await tv.screenshot('09-exited')
    await tv.press('Enter')
    expect(await tv.heard(/^Home\./)).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When signed out, then Back on Welcome asks to exit and Back again returns to Welcome', async () => {
    const tv = await Tv.open(browser, server.url)
    await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')
    await tv.press('Back')
    expect(await tv.heard(/^Exit Tenfoot\?/)).toBeTruthy()
    await tv.press('Back')
    expect(await tv.heard(/Log In, button, 1 of 2$/)).toBeTruthy()
    await tv.close()
  })

  it('When focus moves on Welcome, then the ring is drawn around the focused button and no other', async () => {
    const tv = await Tv.open(browser, server.url)
    await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')
    // Welcome's buttons (design pixels, which the 1920×1080 window shows 1:1): 560×88 at x 680, y 600 and y 712. The
    // ring sits 6 px outside a button and scales with it; left of the button, on its middle line, it is the only light.
    const ringLeftOf = (png: PNG, y: number) => {
      let light = 0
      for (let x = 630; x < 676; x++) {
        const i = (png.width * y + x) * 4
        if ((png.data[i] ?? 0) > 200 && (png.data[i + 1] ?? 0) > 200 && (png.data[i + 2] ?? 0) > 200) light++
      }
      return light
    }
    let shot = await tv.screenshot('welcome-focus-log-in')
    expect(ringLeftOf(shot.png, 644), 'ring around Log In').toBeGreaterThan(3)
    expect(ringLeftOf(shot.png, 756), 'no ring around Get Started').toBe(0)
    await tv.press('Down')
    expect(await tv.heard('Get Started, button, 2 of 2')).toBeTruthy()
    shot = await tv.screenshot('welcome-focus-get-started')
    expect(ringLeftOf(shot.png, 644), 'no ring around Log In').toBe(0)
    expect(ringLeftOf(shot.png, 756), 'ring around Get Started').toBeGreaterThan(3)
    await tv.close()
  })

  it('When an arrow is held down, then focus moves steadily and stops as soon as the key is released', async () => {
    const tv = await Tv.open(browser, server.url, seeded)
    await tv.heard(/^Home\./)
    // 40 auto-repeat keydowns arrive in one burst, as a held key on a busy TV delivers them.
    await tv.page.evaluate(() => {
      for (let i = 0; i < 40; i++) {
        const e = new KeyboardEvent('keydown', { key: 'ArrowRight', repeat: i > 0 })
        Object.defineProperty(e, 'keyCode', { get: () => 39 })
        window.dispatchEvent(e)
      }
      const up = new KeyboardEvent('keyup', { key: 'ArrowRight' })
      Object.defineProperty(up, 'keyCode', { get: () => 39 })
      window.dispatchEvent(up)
    })
    await tv.page.waitForTimeout(300)
    const said = await tv.announcement()
    const position = Number(/, (\d+) of 12$/.exec(said)?.[1])
    // The first press moves; repeats inside the throttle window are dropped instead of queued.
    expect(position).toBe(2)
    await tv.press('Right')
    expect(await tv.heard(', 3 of 12')).toBeTruthy()
    await tv.close()
  })

  it('When the arrows and OK are pressed, then the app has them to itself, and other keys still reach the page', async () => {
    const tv = await Tv.open(browser, server.url, seeded)
    await tv.heard(/^Home\./)
    // Registered after the app's own listeners, so it sees each key once the app has handled it.
    await tv.page.evaluate(() => {
      const w = window as unknown as { __pageActs: Record<string, boolean> }
      w.__pageActs = {}
      window.addEventListener('keydown', (e) => (w.__pageActs[e.key] = !e.defaultPrevented))
    })
    await tv.press('Right')
    expect(await tv.heard(', 2 of 12')).toBeTruthy()
    await tv.press('Down')
    await tv.press('Up')
    await tv.press('Left')
    await tv.press('Enter')
    expect(await tv.heard('can’t be played yet')).toBeTruthy()
    await tv.page.keyboard.press('a')
    // The browser's own action on an arrow (scrolling) or OK was cancelled; a letter, which the app does not use here, was not.
    expect(await tv.page.evaluate(() => (window as unknown as { __pageActs: Record<string, boolean> }).__pageActs)).toEqual({
      ArrowRight: false,
      ArrowDown: false,
      ArrowUp: false,
      ArrowLeft: false,
      Enter: false,
      a: true,
    })
    await tv.close()
  })
})

/** The tiles inside the screen, with whether each one's title and details are drawn (their texture is on the GPU). */
function tilesOnScreen(tv: Tv) {
  return tv.page.evaluate(() => {
    interface El {
      children?: El[]
      item?: { title: string }
      core: { outOfBounds: number }
      tag(ref: string): { texture?: { source?: { isLoaded(): boolean } } } | undefined
    }
    const root = (window as unknown as { __tenfootStage: { root: El } }).__tenfootStage.root
    const tiles: { title: string; drawn: boolean }[] = []
    const visit = (el: El) => {
      if (el.item && el.core.outOfBounds === 0) tiles.push({ title: el.item.title, drawn: !!el.tag('Caption')?.texture?.source?.isLoaded() })
      for (const child of el.children ?? []) visit(child)
    }
    visit(root)
    return tiles
  })
}

/** Within `ms`, every tile on screen shows its caption (they may follow the screen's first frame by a few frames). */
async function expectCaptionsDrawn(tv: Tv, ms = 3000) {
  let tiles = await tilesOnScreen(tv)
  for (const end = Date.now() + ms; Date.now() < end && !tiles.every((t) => t.drawn); ) {
    await tv.page.waitForTimeout(100)
    tiles = await tilesOnScreen(tv)
  }
  expect(tiles.length, 'tiles on screen').toBeGreaterThanOrEqual(8)
  expect(tiles.filter((t) => !t.drawn).map((t) => t.title)).toEqual([])
}

describe('Home', () => {
  it('When Home appears and the user moves along and down the rails, then every tile on screen shows its title and details within moments', async () => {
    const tv = await Tv.open(browser, server.url, seeded)
    expect(await tv.heard(/^Home\. Top Picks for You\. .+, 1 of 12$/)).toBeTruthy()
    await expectCaptionsDrawn(tv)

    await tv.press('Right', 7)
    expect(await tv.heard(/, 8 of 12$/)).toBeTruthy()
    await expectCaptionsDrawn(tv)

    await tv.press('Down', 2)
    await tv.press('Right', 3)
    expect(await tv.heard(/, 4 of 12$/)).toBeTruthy()
    await expectCaptionsDrawn(tv)
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When OK is pressed on a title, then the TV says it cannot be played yet, shows it for a few seconds, and the rails still move', async () => {
    const tv = await Tv.open(browser, server.url, seeded)
    const first = await tv.heard(/^Home\. Top Picks for You\. (.+), 1 of 12$/)
    const title = /Top Picks for You\. ([^,]+),/.exec(first)?.[1] ?? ''
    // The message is a light panel at the bottom of the screen: the share of its area in the panel's colour.
    const noticeShown = (png: PNG) => {
      let light = 0
      let all = 0
      for (let y = 940; y < 1016; y += 2) {
        for (let x = 400; x < 1520; x += 2) {
          const i = (png.width * y + x) * 4
          all++
          if (Math.abs((png.data[i] ?? 0) - 244) < 6 && Math.abs((png.data[i + 1] ?? 0) - 246) < 6 && Math.abs((png.data[i + 2] ?? 0) - 251) < 6) light++
        }
      }
      return light / all > 0.5
    }
    expect(noticeShown((await tv.screenshot('home-before-ok')).png)).toBe(false)
    await tv.press('Enter')
    expect(await tv.heard(`${title} can’t be played yet. Playback is coming soon.`)).toBeTruthy()
    expect(noticeShown((await tv.screenshot('home-tile-ok')).png)).toBe(true)
    // Focus stayed on the title: the rail still moves, and the message goes by itself.
    await tv.press('Right')
    expect(await tv.heard(/, 2 of 12$/)).toBeTruthy()
    await tv.page.waitForTimeout(4_500)
    expect(noticeShown((await tv.screenshot('home-tile-ok-gone')).png)).toBe(false)
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When keys come quicker than the screen moves, then each lands at once with nothing left moving, and a lone press still glides', async () => {
    const tv = await Tv.open(browser, server.url, seeded)
    await tv.heard(/^Home\./)
    // For each key, once the app has handled it: how long the movements it started last, and how many movements are
    // still playing. Durations, not positions, so a slow frame (which moves further in one step) changes nothing here.
    await tv.page.evaluate(() => {
      interface Transition {
        isRunning(): boolean
        settings: { duration: number }
      }
      const w = window as unknown as { __keys: { started: number[]; playing: number }[]; __tenfootStage: { transitions: { active: Set<Transition>; addActive(t: Transition): void } } }
      const transitions = w.__tenfootStage.transitions
      const addActive = transitions.addActive.bind(transitions)
      let started: number[] = []
      transitions.addActive = (t) => {
        started.push(t.settings.duration)
        addActive(t)
      }
      w.__keys = []
      window.addEventListener('keydown', () => (started = []), true)
      window.addEventListener('keydown', () => w.__keys.push({ started, playing: [...transitions.active].filter((t) => t.isRunning()).length }))
    })
    const keys = () => tv.page.evaluate(() => (window as unknown as { __keys: { started: number[]; playing: number }[] }).__keys.splice(0))
    const burst = (pressed: [string, number][]) =>
      tv.page.evaluate((pressed) => {
        // Sent to the page's body, as real keys are, so the listener above that starts each key's record runs first.
        for (const [key, keyCode] of pressed) {
          const e = new KeyboardEvent('keydown', { key, bubbles: true })
          Object.defineProperty(e, 'keyCode', { get: () => keyCode })
          document.body.dispatchEvent(e)
        }
      }, pressed)
    const glides = (k: { started: number[] } | undefined) => !!k && k.started.length > 0 && k.started.every((d) => d > 0)
    const landsAtOnce = (k: { started: number[]; playing: number } | undefined) => !!k && k.started.length > 0 && k.started.every((d) => d === 0) && k.playing === 0

    await tv.page.waitForTimeout(400)
    await tv.press('Right')
    expect(await tv.heard(', 2 of 12')).toBeTruthy()
    expect(glides((await keys())[0]), 'a lone press: the focus and the row glide').toBe(true)

    // Three presses at once, as a quick thumb or a busy TV delivers them: the first glides; the next two land at once,
    // and the first one's movements end with them instead of playing on.
    await tv.page.waitForTimeout(400)
    await burst([['ArrowRight', 39], ['ArrowRight', 39], ['ArrowRight', 39]])
    const quick = await keys()
    expect(glides(quick[0])).toBe(true)
    expect(quick.slice(1).map(landsAtOnce)).toEqual([true, true])
    expect(await tv.heard(', 5 of 12')).toBeTruthy()

    // Down and straight back Up: the rails and the hero glide down, then are back in place at once.
    await tv.page.waitForTimeout(400)
    await burst([['ArrowDown', 40], ['ArrowUp', 38]])
    const downUp = await keys()
    expect(glides(downUp[0])).toBe(true)
    expect(landsAtOnce(downUp[1])).toBe(true)
    expect(await tv.heard(/Top Picks for You\. .+, 5 of 12$/)).toBeTruthy()

    // A key the remote does not have (Shift on a desktop keyboard) just before an arrow: the arrow still glides.
    await tv.page.waitForTimeout(400)
    await burst([['Shift', 16], ['ArrowRight', 39]])
    const afterShift = await keys()
    expect(afterShift[0]?.started, 'Shift starts no movement').toEqual([])
    expect(glides(afterShift[1]), 'the arrow after Shift glides').toBe(true)
    expect(await tv.heard(', 6 of 12')).toBeTruthy()
    expect(tv.errors).toEqual([])
    await tv.close()
  })

  it('When the user moves down past the first rail, then the hero (title and backdrop) gives way to the rails instead of being drawn across them, and returns with the first rail', async () => {
    const tv = await Tv.open(browser, server.url, seeded)
    expect(await tv.heard(/^Home\. Top Picks for You\. .+, 1 of 12$/)).toBeTruthy()
    // The hero's title is 80 px white text from (216, 160). Below the first rail the rails have scrolled up over the
    // hero: in this band, right of the second rail's title and above its tiles, only the title could be light.
    const heroTitleLight = (png: PNG) => {
      let light = 0
      for (let y = 172; y < 196; y++) {
        for (let x = 700; x < 1100; x++) {
          const i = (png.width * y + x) * 4
          if ((png.data[i] ?? 0) > 200 && (png.data[i + 1] ?? 0) > 200 && (png.data[i + 2] ?? 0) > 200) light++
        }
      }
      return light
    }
    // Left of the rails, between the menu and the tiles, the hero's backdrop is the featured title's colour; with the
    // hero gone it is the screen's background, as at the bottom of the screen.
    const backdropShown = (png: PNG) => {
      const rgb = (x: number, y: number) => [0, 1, 2].map((c) => png.data[(png.width * y + x) * 4 + c] ?? 0)
      const [band, background] = [rgb(170, 300), rgb(170, 1050)]
      return Math.max(...band.map((v, c) => Math.abs(v - (background[c] ?? 0)))) > 12
    }
    const first = (await tv.screenshot('home-hero')).png
    expect(heroTitleLight(first), 'the hero title on the first rail').toBeGreaterThan(50)
    expect(backdropShown(first), 'the hero backdrop on the first rail').toBe(true)
    await tv.press('Down', 2)
    expect(await tv.heard(/^New Releases\. /)).toBeTruthy()
    await tv.page.waitForTimeout(600)
    const third = (await tv.screenshot('home-third-rail')).png
    expect(heroTitleLight(third), 'no hero title across the rails').toBe(0)
    expect(backdropShown(third), 'no band of the hero colour behind the rails').toBe(false)
    await tv.press('Up', 2)
    expect(await tv.heard(/^Top Picks for You\. /)).toBeTruthy()
    await tv.page.waitForTimeout(600)
    expect(heroTitleLight((await tv.screenshot('home-back-to-first-rail')).png), 'the hero title back').toBeGreaterThan(50)
    expect(tv.errors).toEqual([])
    await tv.close()
  })
})
