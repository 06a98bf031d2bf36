// `npm start` as an operator runs it (src/server/start.ts in its own process, serving the built TV app), on ports of
// their choosing: the TV app opened at its printed address finds the service, and a port already taken is named.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort, ServiceProcess } from '../support/serviceProcess'
import { launchBrowser, Tv } from '../support/tv'

let browser: Browser

beforeAll(async () => {
  browser = await launchBrowser()
})

afterAll(async () => {
  await browser?.close()
})

describe('npm start', () => {
  it('When the service runs on a port other than 3000, then the TV app opened at its printed address reaches it and shows a code', { timeout: 90_000 }, async () => {
    const tvPort = await freePort()
    const service = await ServiceProcess.start({ TV_PORT: String(tvPort), TV_APP_DIR: 'build' })
    try {
      expect(service.port).not.toBe(3000)
      const printed = /TV app: +(http:\/\/localhost:\d+)/.exec(service.output)?.[1]
      expect(printed).toBe(`http://localhost:${tvPort}`)
      // A desktop browser asks the TV app's host for its icon too: Tenfoot's, not a 404 in the console.
      const icon = await fetch(`http://127.0.0.1:${tvPort}/favicon.ico`)
      expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/png'])
      const tv = await Tv.open(browser, `http://127.0.0.1:${tvPort}/`)
      await tv.heard('Welcome to Tenfoot')
      await tv.press('Enter')
      await tv.heard('Choose How to Sign In')
      await tv.press('Enter')
      expect(await tv.heard(/enter code \d{4} \d{4}/)).toBeTruthy()
      expect(tv.errors).toEqual([])
      await tv.close()
    } finally {
      await service.kill()
    }
  })

  it('When the port is taken by another program, then startup stops with a message naming the setting, not a stack trace', { timeout: 60_000 }, async () => {
    const holder = createServer()
    const port = await new Promise<number>((resolve) => holder.listen(0, '127.0.0.1', () => resolve((holder.address() as { port: number }).port)))
    try {
      for (const [setting, env] of [
        ['PORT', { PORT: String(port) }],
        ['TV_PORT', { PORT: String(await freePort()), TV_PORT: String(port), TV_APP_DIR: 'build' }],
      ] as const) {
        const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
          env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', DATA_DIR: mkdtempSync(join(tmpdir(), 'tenfoot-start-')), ...env },
          encoding: 'utf8',
          timeout: 30_000,
        })
        const said = `${run.stdout}${run.stderr}`
        expect(run.status, said).toBe(1)
        expect(said).toContain(`Configuration error in ${setting}: port ${port} is already in use by another program`)
        expect(said).not.toMatch(/\n\s+at /)
      }
    } finally {
      holder.close()
    }
  })
})
