// Malformed input to every endpoint gets a 4xx with a clear message: never a 500, never a stack trace. A bad setting
// stops startup with a message naming it.
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer } from '../../src/server/app'
import { ConfigError, loadConfig, tvAppServing } from '../../src/server/config'
import { Phone, text } from '../support/phone'
import { startService, withAccount } from '../support/service'

type Service = Awaited<ReturnType<typeof startService>>
let service: Service

beforeAll(async () => {
  service = await startService()
  await withAccount(service)
})
afterAll(() => service?.close())

const form = 'application/x-www-form-urlencoded'
const json = 'application/json'
const cases: Array<[string, string, string, string | undefined, string | undefined]> = [
  ['device auth without a client', 'POST', '/device/auth', form, 'scope=openid'],
  ['device auth for an unknown client', 'POST', '/device/auth', form, 'client_id=evil&scope=openid'],
  ['device auth with a JSON body', 'POST', '/device/auth', json, '{"client_id":"tenfoot-tv"}'],
  ['token without a grant type', 'POST', '/token', form, 'client_id=tenfoot-tv'],
  ['token with a made-up device code', 'POST', '/token', form, 'grant_type=urn:ietf:params:oauth:grant-type:device_code&device_code=nope&client_id=tenfoot-tv'],
  ['token with repeated parameters', 'POST', '/token', form, 'grant_type=a&grant_type=b&client_id=tenfoot-tv'],
  ['revocation without a token', 'POST', '/token/revocation', form, 'client_id=tenfoot-tv'],
  ['code entry without its form token', 'POST', '/tv', form, 'user_code=12345678'],
  ['code entry with an injection string', 'POST', '/tv', form, "user_code=%27%20OR%201%3D1--&xsrf=x"],
  ['a QR path with letters', 'GET', '/tv/<script>', undefined, undefined],
  ['an interaction that does not exist', 'GET', '/interaction/does-not-exist', undefined, undefined],
  ['a login for an interaction that does not exist', 'POST', '/interaction/nope/login', form, 'email=a&password=b&_csrf=x'],
  ['sign-in with broken JSON', 'POST', '/api/signin', json, '{"email": '],
  ['sign-in with wrong types', 'POST', '/api/signin', json, '{"client_id":"tenfoot-tv","email":["a"],"password":{"$gt":""}}'],
  ['sign-in without a client', 'POST', '/api/signin', json, '{"email":"a@b.c","password":"x"}'],
  ['sign-in with a huge body', 'POST', '/api/signin', json, JSON.stringify({ client_id: 'tenfoot-tv', email: 'a@b.c', password: 'x'.repeat(100_000) })],
  ['session without a token', 'GET', '/api/session', undefined, undefined],
  ['session with a junk token', 'GET', '/api/session?access_token=%00%FF', undefined, undefined],
  ['the event stream with a junk token', 'GET', '/api/session/events?access_token=junk', undefined, undefined],
  ['sign-up with a bad email', 'POST', '/signup', form, 'email=not-an-email&password=12345678&_csrf=x'],
  ['account sign-in with no CSRF token', 'POST', '/account/sign-in', form, 'email=a@b.c&password=x'],
  ['a page that does not exist', 'GET', '/nowhere', undefined, undefined],
  ['an API route that does not exist', 'GET', '/api/nowhere', undefined, undefined],
]

describe('bad input', () => {
  it.each(cases)('When %s arrives, then the answer is a 4xx with a message and no stack trace', async (_name, method, path, type, body) => {
    const res = await fetch(`${service.url}${path}`, { method, headers: type ? { 'content-type': type } : {}, body })
    const text = await res.text()
    expect(res.status, text.slice(0, 200)).toBeGreaterThanOrEqual(400)
    expect(res.status).toBeLessThan(500)
    expect(text.length).toBeGreaterThan(10)
    expect(text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/)
  })

  it('When a sign-up names a plan that does not exist, then it is refused with words and no account is made', async () => {
    const phone = new Phone(service.url)
    const page = await phone.submit(await phone.get('/signup'), { name: 'Forger', email: 'forged.plan@example.com', password: 'a long enough password', plan: 'gold' })
    expect(page.status).toBe(400)
    expect(text(page)).toContain('Choose one of the plans.')
    const signIn = await phone.submit(await phone.get('/account/sign-in'), { email: 'forged.plan@example.com', password: 'a long enough password' })
    expect(text(signIn)).toContain('That email and password don’t match')
  })

  it('When a web sign-in or sign-up is refused, then the error shows on the form’s own page with what was typed kept, and a reload shows the form without sending it again', async () => {
    const phone = new Phone(service.url)
    const wrong = await phone.submit(await phone.get('/account/sign-in'), { email: 'nobody.here@example.com', password: 'a guess' })
    expect(wrong.status).toBe(401)
    expect(wrong.redirected).toBe(true)
    expect(text(wrong)).toContain('That email and password don’t match')
    expect(wrong.html).toContain('value="nobody.here@example.com"')
    const reloaded = await phone.get(wrong.url)
    expect(reloaded.status).toBe(200)
    expect(text(reloaded)).toContain('Sign in to Tenfoot')
    expect(text(reloaded)).not.toContain('don’t match')
    const refused = await phone.submit(await phone.get('/signup'), { name: 'Jo Short', email: 'jo.short@example.com', password: 'short', plan: 'basic' })
    expect(refused.status).toBe(400)
    expect(refused.redirected).toBe(true)
    expect(refused.html).toContain('value="Jo Short"')
    expect(refused.html).toMatch(/value="basic"\s+checked/)
    expect(text(refused)).toContain('Choose a password of at least 8 characters.')
    expect(text(await phone.get(refused.url))).not.toContain('Choose a password of at least 8 characters.')
  })

  it('When a web sign-up uses an email that has an account, then the page says to sign in instead and links to sign-in', async () => {
    const phone = new Phone(service.url)
    const email = 'twice@example.com'
    await phone.submit(await phone.get('/signup'), { name: 'First', email, password: 'a long enough password', plan: 'basic' })
    const other = new Phone(service.url)
    const again = await other.submit(await other.get('/signup'), { name: 'Second', email, password: 'another long password', plan: 'basic' })
    expect(text(again)).toContain('An account with that email already exists. Sign in instead')
    // "Sign in instead" is a link itself, beside the error, not only the one at the foot of the long form.
    expect(again.html).toMatch(/role="alert">An account with that email already exists\. <a href="\/account\/sign-in">Sign in instead<\/a>/)
    expect(again.html).toMatch(/Already have an account\? <a href="\/account\/sign-in">/)
  })

  it('When a web form is sent with far too much in it, then the page says so in words and how to go on', async () => {
    for (const path of ['/account/sign-in', '/signup']) {
      const res = await fetch(`${service.url}${path}`, { method: 'POST', headers: { 'content-type': form, accept: 'text/html' }, body: `email=${'a'.repeat(40_000)}&password=x` })
      const page = await res.text()
      expect(res.status).toBe(413)
      expect(page).toContain('That was more than a form can send. Go back and try again with shorter entries.')
      expect(page).not.toContain('request entity too large')
    }
  })

  it('When pages are served, then they carry a CSP, refuse framing and forbid sniffing', async () => {
    const res = await fetch(`${service.url}/tv`)
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await res.text()).not.toMatch(/https?:\/\/(?!127\.0\.0\.1)/)
  })
})

describe('bad settings', () => {
  const dataDir = () => mkdtempSync(join(tmpdir(), 'tenfoot-settings-'))

  it('When PORT is not a port number, then the service does not start and the error names PORT and the value', async () => {
    for (const port of ['abc', '99999', '-1', '3000.5']) {
      const said = `Configuration error in PORT: must be a whole number from 0 to 65535, got "${port}"`
      expect(() => loadConfig({ NODE_ENV: 'test', PORT: port }, { dataDir: dataDir() })).toThrow(said)
      const started = startServer({ host: '127.0.0.1', dataDir: dataDir(), env: { NODE_ENV: 'test', PORT: port } })
      await expect(started).rejects.toThrow(ConfigError)
      await expect(started).rejects.toThrow(said)
    }
  })

  it('When CORS_ORIGINS names something that is not an http(s) origin, then the service does not start and the error names the entry; a trailing slash is fine', async () => {
    for (const [value, bad] of [['https://tv.example.com/, foo', 'foo'], ['file:///tv/index.html', 'file:///tv/index.html'], ['null', 'null'], ['tv.example.com', 'tv.example.com']]) {
      expect(() => loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: value }, { dataDir: dataDir() })).toThrow(`Configuration error in CORS_ORIGINS: "${bad}" is not`)
    }
    expect(loadConfig({ NODE_ENV: 'test', CORS_ORIGINS: ' https://tv.example.com/ , http://10.0.0.5:8080/app ' }, { dataDir: dataDir() }).corsOrigins).toEqual(['https://tv.example.com', 'http://10.0.0.5:8080'])
    // Written with its trailing slash, the origin is still answered: a browser sends it without one.
    const withSlash = await startService({ env: { NODE_ENV: 'test', CORS_ORIGINS: 'https://tv.example.com/' } })
    try {
      const res = await fetch(`${withSlash.url}/api/plans`, { headers: { origin: 'https://tv.example.com' } })
      expect(res.headers.get('access-control-allow-origin')).toBe('https://tv.example.com')
    } finally {
      await withSlash.close()
    }
  })

  it('When DATA_DIR is a file or a folder this user cannot write, then npm start exits with 1 and a message naming DATA_DIR and what to do, without a stack trace', { timeout: 60_000 }, async () => {
    const readOnly = dataDir()
    chmodSync(readOnly, 0o555)
    // Root writes anywhere, so a folder it cannot write is one it is not the owner of: run as nobody.
    const asOther = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {}
    for (const [dir, said, as] of [
      ['/etc/passwd', 'Configuration error in DATA_DIR: /etc/passwd is a file, not a folder.', {}],
      ['/etc/passwd/tenfoot', 'Configuration error in DATA_DIR: /etc/passwd/tenfoot is inside a file, not a folder.', {}],
      [readOnly, `Configuration error in DATA_DIR: the service cannot write to ${readOnly}`, asOther],
      [join(readOnly, 'data'), `Configuration error in DATA_DIR: the service cannot write to ${join(readOnly, 'data')}`, asOther],
    ] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
        env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '0', TV_APP_DIR: join(readOnly, 'no-tv-app'), DATA_DIR: dir },
        encoding: 'utf8',
        timeout: 30_000,
        ...as,
      })
      const out = `${run.stdout}${run.stderr}`
      expect(run.status, out).toBe(1)
      expect(out).toContain(said)
      expect(out).toContain('Set DATA_DIR to')
      expect(out).not.toMatch(/\n\s+at /)
    }
  })

  it('When npm start would serve the TV app on PORT itself, then it exits with 1 saying TV_PORT must differ from PORT; PORT=0 and an unbuilt app never clash', { timeout: 60_000 }, async () => {
    const built = dataDir()
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
      env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: '3320', TV_PORT: '3320', TV_APP_DIR: built, DATA_DIR: dataDir() },
      encoding: 'utf8',
      timeout: 30_000,
    })
    const said = `${run.stdout}${run.stderr}`
    expect(run.status, said).toBe(1)
    expect(said).toContain('Configuration error in TV_PORT: must differ from PORT (both 3320).')
    expect(said).not.toContain('already in use')
    // Any free port for each (as tests use) is two different ports; without a built app nothing is served on TV_PORT.
    expect(tvAppServing({ PORT: '0', TV_PORT: '0', TV_APP_DIR: built })).toEqual({ dir: built, port: 0 })
    expect(tvAppServing({ PORT: '3320', TV_PORT: '3320', TV_APP_DIR: join(built, 'not-built') })).toBeNull()
  })

  it('When npm start is run with a bad PORT or TV_PORT, then it exits with 1 and a message naming the setting, without a stack trace', { timeout: 60_000 }, async () => {
    for (const [setting, env] of [
      ['PORT', { PORT: 'abc' }],
      ['PORT', { PORT: '99999' }],
      ['TV_PORT', { PORT: '0', TV_PORT: 'abc' }],
    ] as const) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
        env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', DATA_DIR: dataDir(), ...env },
        encoding: 'utf8',
        timeout: 30_000,
      })
      const said = `${run.stdout}${run.stderr}`
      expect(run.status, said).toBe(1)
      expect(said).toContain(`Configuration error in ${setting}: must be a whole number from 0 to 65535`)
      expect(said).not.toMatch(/\n\s+at /)
    }
  })
})
