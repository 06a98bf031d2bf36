// A seeded monkey on the remote: thousands of random presses must never break the TV. Replay a failure with MONKEY_SEED.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Browser, CDPSession } from 'playwright-core'
import { startService, tvSession, withAccount } from '../support/service'
import { serveFolder } from '../support/staticServer'
import { launchBrowser, Tv } from '../support/tv'

const presses = Number(process.env.MONKEY_PRESSES ?? (process.env.TEST_LONG ? 10_000 : 1_000))
const seed = Number(process.env.MONKEY_SEED ?? Math.floor(Math.random() * 2 ** 31))

const knownScreens = ['boot', 'home', 'search', 'tvShows', 'movies', 'myList', 'getHelp', 'welcome', 'chooseSignIn', 'usePhone', 'useRemote', 'plans', 'planChosen', 'signingOut', 'exited']
/** Screens shown only while something finishes; they may have nothing to focus for a moment. */
const transient = ['boot', 'signingOut']

/** mulberry32: small, fast and the same everywhere, so a seed replays exactly. */
function random(s: number) {
  return () => {
    s = (s + 0x6d2b79f5) | 0
    let t = Math.imul(s ^ (s >>> 15), 1 | s)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Press = { code: number; repeat?: number; rapid?: boolean; label: string }

function pick(next: () => number): Press {
  const r = next()
  const arrows = [37, 38, 39, 40]
  const arrow = arrows[Math.floor(next() * 4)] ?? 37
  if (r < 0.5) return { code: arrow, label: `arrow ${arrow}` }
  if (r < 0.63) return { code: 13, label: 'Enter' }
  if (r < 0.73) return { code: next() < 0.5 ? 27 : 8, label: 'Back' }
  if (r < 0.78) {
    const media = [32, 415, 19, 413, 10252, 403][Math.floor(next() * 6)] ?? 32
    return { code: media, label: `media ${media}` }
  }
  if (r < 0.83) {
    const unknown = 1000 + Math.floor(next() * 9000)
    return { code: unknown, label: `unknown ${unknown}` }
  }
  if (r < 0.9) return { code: arrow, repeat: 5 + Math.floor(next() * 25), label: `held ${arrow}` }
  return { code: [37, 38, 39, 40, 13][Math.floor(next() * 5)] ?? 13, rapid: true, label: 'rapid' }
}

async function heapUsed(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }
  return usedSize
}

let browser: Browser
let server: Awaited<ReturnType<typeof serveFolder>>
let service: Awaited<ReturnType<typeof startService>>

beforeAll(async () => {
  browser = await launchBrowser()
  server = await serveFolder('build')
  // The real service, so pairing, plans, Use Remote and sign-out all really happen under the monkey.
  service = await startService()
  await withAccount(service)
})

afterAll(async () => {
  await browser?.close()
  await server?.close()
  await service?.close()
})

describe('the monkey on the remote', () => {
  it(`When ${presses} seeded random presses hit the TV, then nothing breaks, focus stays visible and memory stays bounded`, { timeout: 20 * 60_000 }, async () => {
    const next = random(seed)
    const tv = await Tv.open(browser, `${server.url}/?service=${encodeURIComponent(service.url)}`, { session: await tvSession(service) })
    const cdp = await tv.context.newCDPSession(tv.page)
    await tv.heard(/^Home\./)
    const history: string[] = []
    const fail = (why: string) => {
      throw new Error(`${why}\nMONKEY_SEED=${seed} after ${history.length} presses; last 50 keys:\n${history.slice(-50).join(', ')}`)
    }
    let baseline = 0
    const quads: Awaited<ReturnType<Tv['quadUse']>>[] = []
    const seen = new Set<string>()
    for (let i = 0; i < presses; i++) {
      const press = pick(next)
      history.push(press.label)
      await tv.page.evaluate(({ code, repeat, rapid }) => {
        const fire = (type: string, isRepeat: boolean) => {
          const e = new KeyboardEvent(type, { bubbles: true, repeat: isRepeat })
          Object.defineProperty(e, 'keyCode', { get: () => code })
          window.dispatchEvent(e)
        }
        for (let n = 0; n <= (repeat ?? 0); n++) fire('keydown', n > 0)
        fire('keyup', false)
        // A person's presses are at least a frame apart; a rapid burst is not.
        return rapid ? null : new Promise((r) => requestAnimationFrame(() => r(null)))
      }, press)
      if (tv.errors.length) fail(`uncaught error: ${tv.errors[0]}`)
      // The second half starts signed out, so both halves of the product take the same beating.
      if (i === Math.floor(presses / 2)) {
        quads.push(await tv.quadUse())
        await tv.page.evaluate(() => localStorage.clear())
        await tv.page.reload()
        await tv.page.waitForFunction(() => document.documentElement.dataset.tenfootScreen === 'welcome')
        baseline = 0
      }
      if (i === 200 || i === Math.floor(presses / 2) + 200) baseline = Math.max(baseline, await heapUsed(cdp))
      if (i % 25 === 24) {
        // Let transitions settle, then check what a person would see.
        const ok = await tv.page
          .waitForFunction(
            ([known, passing]) => {
              const d = document.documentElement.dataset
              const screen = d.tenfootScreen ?? ''
              return known.includes(screen) && (passing.includes(screen) || d.tenfootFocusVisible === 'true')
            },
            [knownScreens, transient] as const,
            { timeout: 5_000 },
          )
          .then(() => true)
          .catch(() => false)
        const d = await tv.page.evaluate(() => ({ ...document.documentElement.dataset }))
        if (!ok) fail(`no visible focus or unknown state: ${JSON.stringify(d)}`)
        seen.add(d.tenfootScreen ?? '')
      }
    }
    quads.push(await tv.quadUse())
    const growth = (await heapUsed(cdp)) - baseline
    console.info(`monkey: seed ${seed}, ${presses} presses, heap growth ${(growth / 1e6).toFixed(2)} MB, screens seen: ${[...seen].join(' ')}`)
    // Both halves of the product were exercised, not just Home.
    expect([...seen].some((s) => ['welcome', 'chooseSignIn', 'usePhone', 'useRemote', 'plans'].includes(s))).toBe(true)
    expect([...seen].some((s) => ['home', 'getHelp', 'tvShows', 'movies', 'myList', 'search'].includes(s))).toBe(true)
    expect(tv.errors).toEqual([])
    // No screen the monkey reached came near the end of Lightning's quad buffer (sized to what the app draws).
    const most = Math.max(...quads.flatMap((q) => Object.values(q.most)))
    console.info(`monkey: at most ${most} quads in a frame, of ${quads[0]!.capacity}`)
    expect(most).toBeGreaterThan(0)
    expect(most).toBeLessThan(quads[0]!.capacity / 4)
    expect(growth).toBeLessThan(5e6)
    await tv.close()
  })
})
