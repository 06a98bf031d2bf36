// Home's rails on the TV, in real Chromium with the keyboard as the remote.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { serveFolder } from '../support/staticServer'
import { launchBrowser, Tv } from '../support/tv'

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
    expect(await tv.heard(/^Home\. Continue Watching\. .+, 1 of 12$/)).toBeTruthy()
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

  it('When the user goes Home → menu → Get Help → back again and again, then the TV holds no more memory than after the first visits', { timeout: 120_000 }, async () => {
    const tv = await Tv.open(browser, server.url, seeded)
    await tv.heard(/^Home\. Continue Watching\./)
    const cdp = await tv.context.newCDPSession(tv.page)
    const heapMB = async () => {
      await cdp.send('HeapProfiler.collectGarbage')
      await cdp.send('HeapProfiler.collectGarbage')
      return ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize / 1e6
    }
    const screen = (name: string) => tv.page.waitForFunction((s) => document.documentElement.dataset.tenfootScreen === s && document.documentElement.dataset.tenfootFocusVisible === 'true', name)
    // As fast as the keys go: Home is left before its tiles have all been drawn.
    const cycle = async () => {
      for (const key of ['ArrowLeft', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'Enter']) await tv.page.keyboard.press(key)
      await screen('getHelp')
      await tv.page.keyboard.press('Escape')
      await screen('home')
    }
    for (let i = 0; i < 15; i++) await cycle()
    const before = await heapMB()
    for (let i = 0; i < 45; i++) await cycle()
    // A screen kept alive per visit is about 0.15 MB; what grows without one is compiled code, well under this.
    expect(await heapMB()).toBeLessThan(before + 3)
    expect(tv.errors).toEqual([])
    await tv.close()
  })
})
