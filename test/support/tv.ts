// Drives the TV app in real Chromium like a remote: press keys, read what the announcer says, take screenshots.
import { mkdirSync } from 'node:fs'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { chromiumArgs, ensureChromium } from './chromium'

export const screenshotDir = 'test-results/screens'

export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: [...chromiumArgs, ...extraArgs] })
}

export type RemoteKey = 'Left' | 'Right' | 'Up' | 'Down' | 'Enter' | 'Back'

const browserKeys: Record<RemoteKey, string> = {
  Left: 'ArrowLeft',
  Right: 'ArrowRight',
  Up: 'ArrowUp',
  Down: 'ArrowDown',
  Enter: 'Enter',
  Back: 'Escape',
}

export class Tv {
  constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  static async open(browser: Browser, url: string, opts: { session?: object; storageKey?: string; context?: BrowserContext } = {}): Promise<Tv> {
    const context = opts.context ?? (await browser.newContext({ viewport: { width: 1920, height: 1080 } }))
    if (opts.session) {
      // As a previous run would have left it: SDK Storage keeps JSON in localStorage. Seed once, so a reload sees what the app left.
      await context.addInitScript(
        ([key, value]) => {
          if (window.sessionStorage.getItem('tenfoot.test.seeded')) return
          window.sessionStorage.setItem('tenfoot.test.seeded', '1')
          window.localStorage.setItem(key as string, value as string)
        },
        [opts.storageKey ?? 'tenfoot.session', JSON.stringify(opts.session)],
      )
    }
    // Counts the quads of every frame the app draws, for quadUse(): the app sets window.__tenfootStage once Lightning starts.
    await context.addInitScript(() => {
      const w = window as unknown as Record<string, unknown>
      let stage: unknown
      Object.defineProperty(w, '__tenfootStage', {
        configurable: true,
        get: () => stage,
        set: (s: { on(e: string, f: () => void): void; ctx: { renderState: { quads: { length: number } } } }) => {
          stage = s
          s.on('frameEnd', () => {
            const screen = document.documentElement.dataset.tenfootScreen ?? ''
            const most = (w.__tenfootMostQuads ??= {}) as Record<string, number>
            most[screen] = Math.max(most[screen] ?? 0, s.ctx.renderState.quads.length)
          })
        },
      })
    })
    const page = await context.newPage()
    const errors: string[] = []
    page.on('pageerror', (e) => errors.push(String(e)))
    const tv = new Tv(page, context)
    tv.errors = errors
    await page.goto(url)
    return tv
  }

  errors: string[] = []

  /** From Welcome: Log In → Use Remote, up to the email field. */
  async openUseRemote(): Promise<void> {
    await this.heard('Welcome to Tenfoot')
    await this.press('Enter')
    await this.heard('Choose How to Sign In')
    await this.press('Down')
    await this.press('Enter')
    await this.heard('Sign in with your remote. Email')
  }

  async press(key: RemoteKey, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.page.keyboard.press(browserKeys[key])
      // One rendered frame between presses, as a person's presses are.
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))))
    }
  }

  /** Send a raw key code, as a TV remote's platform-specific keys arrive (e.g. 10009 for Back on Tizen). */
  async pressCode(keyCode: number): Promise<void> {
    await this.page.evaluate((code) => {
      for (const type of ['keydown', 'keyup']) {
        const e = new KeyboardEvent(type, { bubbles: true })
        Object.defineProperty(e, 'keyCode', { get: () => code })
        Object.defineProperty(e, 'which', { get: () => code })
        window.dispatchEvent(e)
      }
    }, keyCode)
  }

  async announcement(): Promise<string> {
    return (await this.page.locator('#announcer').textContent({ timeout: 10_000 })) ?? ''
  }

  /** Wait until the announcer says something containing `text`, and return all it said. */
  async heard(text: string | RegExp, timeout = 10_000): Promise<string> {
    try {
      return await this.waitToHear(text, timeout)
    } catch (e) {
      const last = await this.page.evaluate(() => `"${document.getElementById('announcer')?.textContent ?? ''}" on ${document.documentElement.dataset.tenfootScreen}`).catch(() => '?')
      throw new Error(`did not hear ${String(text)} within ${timeout} ms; last heard ${last}`, { cause: e })
    }
  }

  private async waitToHear(text: string | RegExp, timeout: number): Promise<string> {
    const handle = await this.page.waitForFunction(
      ([source, flags]) => {
        const said = document.getElementById('announcer')?.textContent ?? ''
        return new RegExp(source as string, flags as string).test(said) ? said : false
      },
      typeof text === 'string' ? [escapeRegExp(text), ''] : [text.source, text.flags],
      { timeout },
    )
    return (await handle.jsonValue()) as string
  }

  /** Take a screenshot, keep it for people to look at, and return simple facts about it. */
  async screenshot(name: string): Promise<{ path: string; colours: number; png: PNG }> {
    mkdirSync(screenshotDir, { recursive: true })
    // Let focus animations settle so the picture shows the final state.
    await this.page.waitForTimeout(350)
    const path = `${screenshotDir}/${name}.png`
    const buffer = await this.page.screenshot({ path })
    const png = PNG.sync.read(buffer)
    return { path, colours: distinctColours(png), png }
  }

  /** The most quads one frame drew on each screen since the page loaded, and how many Lightning's quad buffer holds. */
  async quadUse(): Promise<{ most: Record<string, number>; capacity: number }> {
    return this.page.evaluate(() => {
      const w = window as unknown as { __tenfootMostQuads?: Record<string, number>; __tenfootStage: { getOption(o: string): number } }
      // 80 bytes a quad: four corners of x, y, u, v and colour (Lightning's WebGLCoreQuadList).
      return { most: w.__tenfootMostQuads ?? {}, capacity: w.__tenfootStage.getOption('bufferMemory') / 80 }
    })
  }

  async close(): Promise<void> {
    await this.context.close()
  }
}

export function distinctColours(png: PNG): number {
  const seen = new Set<number>()
  for (let i = 0; i < png.data.length; i += 4 * 97) seen.add(png.data.readUInt32BE(i))
  return seen.size
}

/** The leftmost column holding a white pixel (the focus ring's colour), or the width when there is none. */
export function leftmostWhite(png: PNG): number {
  let left = png.width
  for (let y = 0; y < png.height; y++) {
    for (let x = 0; x < left; x++) {
      const i = (y * png.width + x) * 4
      if (png.data[i]! >= 250 && png.data[i + 1]! >= 250 && png.data[i + 2]! >= 250) left = x
    }
  }
  return left
}

/** The share of sampled pixels that differ between two same-sized screenshots. */
export function difference(a: PNG, b: PNG): number {
  let differing = 0
  let samples = 0
  for (let i = 0; i < a.data.length; i += 4 * 53) {
    samples++
    if (a.data.readUInt32BE(i) !== b.data.readUInt32BE(i)) differing++
  }
  return differing / samples
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
