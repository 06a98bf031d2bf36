// `npm run package` for real: unpack the .ipk and the signed .wgt, check manifests, files, signatures and syntax level,
// then run each unpacked app from its own folder in Chromium as that TV would, with that TV's key codes.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkSyntax, packageApp, PackageError, type PackageResult } from '../../src/platforms/package'
import { startService, tvSession, withAccount } from '../support/service'
import { launchBrowser, Tv } from '../support/tv'

type Service = Awaited<ReturnType<typeof startService>>
let service: Service
let browser: Browser
let result: PackageResult
const work = mkdtempSync(join(tmpdir(), 'tenfoot-package-'))
const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version

function files(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path, base) : [relative(base, path)]
  })
}
const listing = (dir: string) => files(dir).sort()

function unpackIpk(ipk: string, into: string): string {
  // An .ipk is an ar archive of debian-binary, control.tar.gz and data.tar.gz; the app sits in usr/palm/applications/<id>.
  execFileSync('ar', ['x', ipk], { cwd: into })
  execFileSync('tar', ['xzf', 'data.tar.gz'], { cwd: into })
  return join(into, 'usr/palm/applications/com.tenfoot.tv')
}

function verifySignature(dir: string, file: string, caPem: string): { ok: boolean; output: string } {
  try {
    const output = execFileSync('xmlsec1', ['--verify', '--trusted-pem', caPem, '--id-attr:Id', 'http://www.w3.org/2000/09/xmldsig#:Object', file], { cwd: dir, encoding: 'utf8', stdio: 'pipe' })
    return { ok: true, output }
  } catch (e) {
    return { ok: false, output: String((e as { stderr?: string }).stderr ?? e) }
  }
}

let ipkDir: string
let wgtDir: string

beforeAll(async () => {
  service = await startService()
  await withAccount(service)
  result = await packageApp({
    env: { TENFOOT_SERVICE_URL: service.url, TIZEN_DEV_CERT_DIR: join(work, 'certs') },
    outDir: join(work, 'out'),
    log: () => undefined,
  })
  ipkDir = unpackIpk(result.ipk, mkdtempSync(join(work, 'ipk-')))
  wgtDir = mkdtempSync(join(work, 'wgt-'))
  execFileSync('unzip', ['-q', result.wgt, '-d', wgtDir])
  browser = await launchBrowser(['--allow-file-access-from-files'])
}, 120_000)

afterAll(async () => {
  await browser?.close()
  await service?.close()
})

describe('npm run package', () => {
  it('When packaged, then both packages sit in one folder named with the version from package.json', () => {
    expect(result.outDir.endsWith('out')).toBe(true)
    expect(readdirSync(result.outDir).sort()).toEqual([`Tenfoot-${version}.wgt`, `com.tenfoot.tv_${version}_all.ipk`])
  })

  it('When the .ipk is unpacked, then appinfo.json is complete, Back reaches the app, and the files are the app and nothing else', () => {
    const appinfo = JSON.parse(readFileSync(join(ipkDir, 'appinfo.json'), 'utf8')) as Record<string, unknown>
    expect(appinfo).toMatchObject({ id: 'com.tenfoot.tv', title: 'Tenfoot', main: 'index.html', version, vendor: 'Tenfoot', type: 'web', disableBackHistoryAPI: true })
    expect(existsSync(join(ipkDir, appinfo.icon as string))).toBe(true)
    const list = listing(ipkDir)
    expect(list).toEqual(expect.arrayContaining(['appinfo.json', 'index.html', 'app.js', 'icon.png', 'static/catalogue.json', 'static/fonts/DejaVuSans-Subset.ttf', 'static/fonts/DejaVuSans-Bold-Subset.ttf']))
    // No source maps, sources, dev-server files or screenshots.
    expect(list.filter((f) => /\.map$|\.ts$|node_modules|startApp|static\/docs/.test(f))).toEqual([])
  })

  it('When the .wgt is unpacked, then config.xml has the id, TV profile, privileges, hardware keys, icon and content', () => {
    const xml = readFileSync(join(wgtDir, 'config.xml'), 'utf8')
    expect(xml).toMatch(/<tizen:application id="(\w{10})\.\w+" package="\1"/)
    expect(xml).toContain('<tizen:profile name="tv-samsung"/>')
    expect(xml).toContain('http://tizen.org/privilege/internet')
    expect(xml).toContain('http://tizen.org/privilege/tv.inputdevice')
    expect(xml).toMatch(/hwkey-event="enable"/)
    expect(xml).toContain(`version="${version}"`)
    const icon = /<icon src="([^"]+)"/.exec(xml)?.[1] ?? ''
    const content = /<content src="([^"]+)"/.exec(xml)?.[1] ?? ''
    expect(existsSync(join(wgtDir, icon))).toBe(true)
    expect(existsSync(join(wgtDir, content))).toBe(true)
    expect(listing(wgtDir)).toEqual(expect.arrayContaining(['author-signature.xml', 'signature1.xml', 'app.js', 'static/fonts/DejaVuSans-Subset.ttf']))
  })

  it('When xmlsec1 checks the .wgt, then the author and distributor signatures verify against the generated CA, and a changed file breaks them', () => {
    const caPem = result.signing.caPem ?? ''
    expect(result.signing.kind).toBe('development')
    for (const sig of ['author-signature.xml', 'signature1.xml']) {
      const check = verifySignature(wgtDir, sig, caPem)
      expect(check.ok, check.output).toBe(true)
    }
    // Tamper with a copy: the signature must notice.
    const tampered = mkdtempSync(join(work, 'tampered-'))
    execFileSync('unzip', ['-q', result.wgt, '-d', tampered])
    writeFileSync(join(tampered, 'app.js'), readFileSync(join(tampered, 'app.js'), 'utf8') + '\n;alert(1)')
    expect(verifySignature(tampered, 'author-signature.xml', caPem).ok).toBe(false)
  })

  it('When the bundle is checked, then it parses at the oldest engine level, and syntax that is too new fails the package step', () => {
    expect(() => checkSyntax(join(ipkDir, 'app.js'))).not.toThrow()
    expect(() => checkSyntax(join(wgtDir, 'app.js'))).not.toThrow()
    const tooNew = join(work, 'too-new.js')
    writeFileSync(tooNew, 'const a = window.x?.y ?? 1; class C { #p = 1 }\n')
    expect(() => checkSyntax(tooNew)).toThrow(PackageError)
    const unpolyfilled = join(work, 'unpolyfilled.js')
    writeFileSync(unpolyfilled, 'var s = "abc".replaceAll("a", "b");\n')
    expect(() => checkSyntax(unpolyfilled)).toThrow(/replaceAll|StringReplaceAll/i)
  })

  it('When release certificates are half configured, then packaging stops and names the missing settings', async () => {
    await expect(packageApp({ env: { TIZEN_AUTHOR_P12: join(work, 'certs/author.p12') }, outDir: join(work, 'never'), log: () => undefined })).rejects.toThrow(
      /TIZEN_AUTHOR_PASSWORD, TIZEN_DISTRIBUTOR_P12, TIZEN_DISTRIBUTOR_PASSWORD must be set/,
    )
    await expect(packageApp({ env: { TENFOOT_SERVICE_URL: 'ftp://tv' }, outDir: join(work, 'never'), log: () => undefined })).rejects.toThrow(/TENFOOT_SERVICE_URL must be an http/)
  })
})

// The platform objects a TV's browser provides; here they only record what the app asked of them.
const platforms = {
  tizen: {
    dir: () => wgtDir,
    back: 10009,
    globals: () => {
      const w = window as unknown as Record<string, unknown>
      w.__calls = []
      const record = (call: string) => (w.__calls as string[]).push(call)
      w.tizen = {
        tvinputdevice: { registerKey: (name: string) => record(`registerKey ${name}`) },
        application: { getCurrentApplication: () => ({ exit: () => record('exit') }) },
        systeminfo: { getCapability: () => 'QE55Q80B' },
      }
    },
    model: 'QE55Q80B',
    exitCall: 'exit',
  },
  webos: {
    dir: () => ipkDir,
    back: 461,
    globals: () => {
      const w = window as unknown as Record<string, unknown>
      w.__calls = []
      const record = (call: string) => (w.__calls as string[]).push(call)
      w.webOS = { platformBack: () => record('platformBack'), deviceInfo: (cb: (i: { modelName: string }) => void) => cb({ modelName: 'OLED55C1' }) }
    },
    model: 'OLED55C1',
    exitCall: 'platformBack',
  },
} as const

describe.each(Object.keys(platforms) as (keyof typeof platforms)[])('the unpacked %s app from its own folder', (name) => {
  it(`When the ${name} remote walks Home → menu → Get Help → Sign Out → Yes, then the service signs the TV out, and Back on Welcome exits through the platform`, { timeout: 60_000 }, async () => {
    const p = platforms[name]
    const session = await tvSession(service)
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } })
    await context.addInitScript(p.globals)
    const tv = await Tv.open(browser, pathToFileURL(join(p.dir(), 'index.html')).href, { session, context })
    const calls = () => tv.page.evaluate(() => (window as unknown as { __calls: string[] }).__calls)
    const Left = 37, Down = 40, Enter = 13
    const Back = p.back

    expect(await tv.heard(/^Home\./)).toBeTruthy()
    if (name === 'tizen') expect(await calls()).toEqual(expect.arrayContaining(['registerKey MediaPlayPause', 'registerKey ColorF0Red']))
    await tv.pressCode(Back) // Back on Home opens the menu
    expect(await tv.heard(/^Main menu\./)).toBeTruthy()
    for (let i = 0; i < 4; i++) await tv.pressCode(Down)
    await tv.heard('Get Help, 6 of 6')
    await tv.pressCode(Enter)
    await tv.heard('Get Help. Sign Out, button, 1 of 3')
    // About this device names this TV's platform and model as the platform reported them.
    for (let i = 0; i < 2; i++) await tv.pressCode(Down)
    expect(await tv.heard(/About this device, button, 3 of 3\. Device name: .+/)).toContain(`Model: ${p.model}`)
    for (let i = 0; i < 2; i++) await tv.pressCode(38)
    await tv.pressCode(Enter)
    await tv.heard(/^Sign out of Tenfoot\?/)
    await tv.pressCode(Back) // Back means No
    await tv.heard('Get Help. Sign Out, button, 1 of 3')
    await tv.pressCode(Enter)
    await tv.heard(/^Sign out of Tenfoot\?/)
    await tv.pressCode(Left)
    await tv.heard('Yes, button, 1 of 2')
    await tv.pressCode(Enter)
    expect(await tv.heard('Welcome to Tenfoot. Log In, button, 1 of 2')).toBeTruthy()
    await tv.screenshot(`package-${name}-welcome`)
    // Revoked for real at the service, across origins (the packaged app's file:// origin).
    await expect
      .poll(async () => (await fetch(`${service.url}/api/session`, { headers: { authorization: `Bearer ${session.accessToken}` } })).status, { timeout: 5_000 })
      .toBe(401)

    await tv.pressCode(Back)
    await tv.heard(/^Exit Tenfoot\?/)
    await tv.pressCode(Left)
    await tv.heard('Yes, button, 1 of 2')
    await tv.pressCode(Enter)
    await expect.poll(calls).toContain(p.exitCall)
    expect(tv.errors).toEqual([])
    await tv.close()
  })
})
