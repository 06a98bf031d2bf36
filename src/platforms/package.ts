// `npm run package`: builds the production app for old TV engines and writes a webOS .ipk and a signed Tizen .wgt
// into releases/<version>/. Everything it reads from the environment is checked first, with the setting named.
import { execFileSync } from 'node:child_process'
import { createWriteStream, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ZipArchive } from 'archiver'
import { build } from 'esbuild'
import { lanAddress } from '../server/config'
import { theme } from '../theme'
import { polyfilled } from './polyfills'

const require = createRequire(import.meta.url)
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** The oldest engines supported: webOS 4 (Chromium 53) and Tizen 4 (Chromium 56). The bundle must parse on both. */
export const engineTarget = 'chrome53'
/** The syntax level Chromium 53 parses completely; es-check holds the bundle to it. */
export const syntaxLevel = 'es2016'

export class PackageError extends Error {}

interface Signing {
  kind: 'development' | 'release'
  author: { p12: string; password: string }
  distributor: { p12: string; password: string }
  /** The CA that issued the development pair (for verification); unknown for Samsung-issued certificates. */
  caPem?: string
}

export interface PackageOptions {
  env?: NodeJS.ProcessEnv
  /** Where the packages go; default releases/<version>. */
  outDir?: string
  log?: (line: string) => void
}

export interface PackageResult {
  version: string
  outDir: string
  ipk: string
  wgt: string
  appDir: string
  serviceUrl: string
  signing: Signing
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T
}

function serviceUrlFrom(env: NodeJS.ProcessEnv, configured: unknown): string {
  const raw = env.TENFOOT_SERVICE_URL || (typeof configured === 'string' && configured) || `http://${lanAddress()}:3000`
  try {
    const u = new URL(raw)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error()
    return u.origin
  } catch {
    throw new PackageError(`TENFOOT_SERVICE_URL must be an http(s) URL such as http://192.168.1.20:3000, got "${raw}"`)
  }
}

/**
 * Step 1: the app as a TV loads it from its own folder: index.html, one minified script, static files, icon.
 * `entry` is the boot script; the benchmark builds its floor app through here too, so both share one toolchain.
 */
const defaultEntry = join(root, 'src/platforms/boot.ts')

export async function buildApp(appDir: string, serviceUrl: string, version: string, entry = defaultEntry): Promise<void> {
  rmSync(appDir, { recursive: true, force: true })
  mkdirSync(appDir, { recursive: true })
  const settings = readJson<{ appSettings: Record<string, unknown>; platformSettings: Record<string, unknown>; appData?: unknown }>(join(root, 'settings.json'))
  const packaged = {
    appSettings: { ...settings.appSettings, accountServiceUrl: serviceUrl, version },
    platformSettings: { ...settings.platformSettings, path: './static', log: false },
    appData: settings.appData ?? {},
  }
  await build({
    entryPoints: [entry],
    outfile: join(appDir, 'app.js'),
    bundle: true,
    format: 'iife',
    target: engineTarget,
    minify: true,
    legalComments: 'eof',
    define: { __TENFOOT_SETTINGS__: JSON.stringify(packaged), 'process.env.NODE_ENV': '"production"' },
    logLevel: 'error',
  })
  // Tenfoot's own fonts; another entry (the benchmark's floor app) uses none.
  const fonts = entry === defaultEntry ? readdirSync(join(root, 'static/fonts')).filter((f) => f.endsWith('.ttf')) : []
  const clear = (settings.appSettings.stage as { clearColor?: string } | undefined)?.clearColor
  const background = (clear ? String(clear) : theme.color.background.toString(16)).slice(-6)
  writeFileSync(
    join(appDir, 'index.html'),
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Tenfoot</title>\n` +
      `<style>html,body{margin:0;padding:0;width:100%;height:100%;overflow:hidden;background:#${background}}canvas{position:absolute;z-index:2}</style>\n` +
      // The fonts are fetched alongside the script instead of after it has started.
      fonts.map((f) => `<link rel="preload" href="static/fonts/${f}" as="font" type="font/ttf" crossorigin>\n`).join('') +
      `</head>\n<body>\n<script src="app.js"></script>\n</body>\n</html>\n`,
  )
  // Fonts and the catalogue travel inside the package; the README's screenshots do not.
  cpSync(join(root, 'static'), join(appDir, 'static'), { recursive: true, filter: (src) => !src.includes(`${join(root, 'static', 'docs')}`) })
  cpSync(join(root, 'static/icon.png'), join(appDir, 'icon.png'))
}

/** Step 2: fail when the bundle uses syntax or built-ins the oldest engine lacks and polyfills.ts does not supply. */
export function checkSyntax(file: string): void {
  const esCheck = join(root, 'node_modules/.bin/es-check')
  try {
    execFileSync(esCheck, [syntaxLevel, file, '--checkFeatures', '--ignore', polyfilled.join(','), '--noColor'], { stdio: 'pipe' })
  } catch (e) {
    const out = `${(e as { stdout?: Buffer }).stdout ?? ''}${(e as { stderr?: Buffer }).stderr ?? ''}`
    const why = /Unsupported features detected: [^\n]*|error: [^\n]*/.exec(out)?.[0] ?? out.trim().split('\n').slice(-3).join(' ')
    throw new PackageError(`${file} is too new for ${engineTarget} (${syntaxLevel}): ${why}. Polyfill it in src/platforms/polyfills.ts or avoid it.`)
  }
}

function run(cmd: string, args: string[], opts: { cwd?: string } = {}): string {
  try {
    return execFileSync(cmd, args, { cwd: opts.cwd, stdio: 'pipe', encoding: 'utf8' })
  } catch (e) {
    const err = e as { code?: string; stderr?: string; stdout?: string }
    if (err.code === 'ENOENT') throw new PackageError(`"${cmd}" is needed to package; install it (Debian: apt-get install ${cmd === 'openssl' ? 'openssl' : cmd})`)
    throw new PackageError(`${cmd} ${args.join(' ')} failed: ${(err.stderr || err.stdout || String(e)).trim()}`)
  }
}

/** Step 3: webOS. ares-package's own terser cannot minify modern syntax, so it gets our minified bundle and --no-minify. */
function packageWebos(appDir: string, stage: string, outDir: string, version: string): string {
  rmSync(stage, { recursive: true, force: true })
  cpSync(appDir, stage, { recursive: true })
  const manifest = readFileSync(join(root, 'src/platforms/webos/appinfo.json'), 'utf8').replace('@VERSION@', version)
  writeFileSync(join(stage, 'appinfo.json'), manifest)
  const appinfo = JSON.parse(manifest) as { id: string; icon: string }
  if (!existsSync(join(stage, appinfo.icon))) throw new PackageError(`appinfo.json names icon "${appinfo.icon}", which is not in the package`)
  run(process.execPath, [require.resolve('@webos-tools/cli/bin/ares-package.js'), '--no-minify', '-o', outDir, stage])
  const ipk = join(outDir, `${appinfo.id}_${version}_all.ipk`)
  if (!existsSync(ipk)) throw new PackageError(`ares-package did not write ${ipk}`)
  return ipk
}

/** The development pair: a CA, and an author and a distributor certificate it issued, made once and kept in .certs/. */
function developmentSigning(certDir: string, log: (line: string) => void): Signing {
  const file = (name: string) => join(certDir, name)
  const passwords = file('passwords.json')
  if (!existsSync(passwords) || !existsSync(file('author.p12')) || !existsSync(file('distributor.p12'))) {
    log(`Generating a development author and distributor certificate in ${certDir} (once; never commit it)`)
    mkdirSync(certDir, { recursive: true, mode: 0o700 })
    const pw = { author: randomPassword(), distributor: randomPassword() }
    run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', file('ca.key'), '-out', file('ca.pem'), '-days', '3650', '-subj', '/CN=Tenfoot Development CA/O=Tenfoot'])
    for (const role of ['author', 'distributor'] as const) {
      run('openssl', ['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', file(`${role}.key`), '-out', file(`${role}.csr`), '-subj', `/CN=Tenfoot Development ${role}/O=Tenfoot`])
      run('openssl', ['x509', '-req', '-in', file(`${role}.csr`), '-CA', file('ca.pem'), '-CAkey', file('ca.key'), '-CAcreateserial', '-out', file(`${role}.pem`), '-days', '3650'])
      // -legacy (3DES) so the signer's node-forge 0.9 can read it; OpenSSL 1.1 has no -legacy and writes 3DES anyway.
      const args = ['pkcs12', '-export', '-in', file(`${role}.pem`), '-inkey', file(`${role}.key`), '-certfile', file('ca.pem'), '-out', file(`${role}.p12`), '-passout', `pass:${pw[role]}`]
      try {
        run('openssl', [...args.slice(0, 2), '-legacy', ...args.slice(2)])
      } catch {
        run('openssl', args)
      }
      rmSync(file(`${role}.csr`), { force: true })
    }
    writeFileSync(passwords, JSON.stringify(pw), { mode: 0o600 })
  }
  const pw = readJson<{ author: string; distributor: string }>(passwords)
  return {
    kind: 'development',
    author: { p12: file('author.p12'), password: pw.author },
    distributor: { p12: file('distributor.p12'), password: pw.distributor },
    caPem: file('ca.pem'),
  }
}

function randomPassword(): string {
  return require('node:crypto').randomBytes(18).toString('base64url') as string
}

/** Samsung-issued certificates from Tizen Studio's Certificate Manager, named by env; all four settings or none. */
function releaseSigning(env: NodeJS.ProcessEnv): Signing | null {
  const names = ['TIZEN_AUTHOR_P12', 'TIZEN_AUTHOR_PASSWORD', 'TIZEN_DISTRIBUTOR_P12', 'TIZEN_DISTRIBUTOR_PASSWORD'] as const
  const set = names.filter((n) => env[n])
  if (set.length === 0) return null
  const missing = names.filter((n) => !env[n])
  if (missing.length) throw new PackageError(`${missing.join(', ')} must be set too: release signing needs the author and distributor .p12 files and their passwords`)
  for (const n of ['TIZEN_AUTHOR_P12', 'TIZEN_DISTRIBUTOR_P12'] as const) {
    if (!existsSync(env[n] as string)) throw new PackageError(`${n} points at ${env[n]}, which does not exist`)
  }
  return {
    kind: 'release',
    author: { p12: resolve(env.TIZEN_AUTHOR_P12 as string), password: env.TIZEN_AUTHOR_PASSWORD as string },
    distributor: { p12: resolve(env.TIZEN_DISTRIBUTOR_P12 as string), password: env.TIZEN_DISTRIBUTOR_PASSWORD as string },
  }
}

/** Step 4: Tizen. The signer writes its signature files into the folder it signs, so it signs a staging copy. */
async function packageTizen(appDir: string, stage: string, outDir: string, version: string, signing: Signing): Promise<string> {
  rmSync(stage, { recursive: true, force: true })
  cpSync(appDir, stage, { recursive: true })
  writeFileSync(join(stage, 'config.xml'), readFileSync(join(root, 'src/platforms/tizen/config.xml'), 'utf8').replace('@VERSION@', version))
  const lib = dirname(require.resolve('@tizentv/webide-common-tizentv/lib/packageSigner.js'))
  const cryptUtil = require(join(lib, 'cryptUtil.js')) as { parseP12File(file: string, password: string): { privateKey: string; certChain: string[] } }
  const PackageSigner = require(join(lib, 'packageSigner.js')) as new () => {
    profileInfo: Record<string, unknown>
    signPackage(dir: string): void
  }
  const read = (which: 'author' | 'distributor') => {
    try {
      const parsed = cryptUtil.parseP12File(signing[which].p12, signing[which].password)
      if (!parsed.privateKey) throw new Error('no RSA private key in it')
      return parsed
    } catch (e) {
      throw new PackageError(`cannot read the ${which} certificate ${signing[which].p12}: ${(e as Error).message}. Check the password, and that it is an RSA .p12.`)
    }
  }
  const signer = new PackageSigner()
  signer.profileInfo = { author: read('author'), distributor1: read('distributor'), distributor2: null }
  signer.signPackage(stage)
  const wgt = join(outDir, `Tenfoot-${version}.wgt`)
  rmSync(wgt, { force: true })
  await zipFolder(stage, wgt)
  return wgt
}

async function zipFolder(dir: string, file: string): Promise<void> {
  const zip = new ZipArchive({ zlib: { level: 9 } })
  const done = new Promise<void>((resolveDone, reject) => {
    const out = createWriteStream(file)
    out.on('close', () => resolveDone())
    out.on('error', reject)
    zip.on('error', reject)
    zip.pipe(out)
  })
  zip.directory(dir, false)
  await zip.finalize()
  await done
}

export async function packageApp(opts: PackageOptions = {}): Promise<PackageResult> {
  const env = opts.env ?? process.env
  const log = opts.log ?? ((line: string) => console.info(line))
  const { version } = readJson<{ version: string }>(join(root, 'package.json'))
  const settings = readJson<{ appSettings: { accountServiceUrl?: string } }>(join(root, 'settings.json'))
  const serviceUrl = serviceUrlFrom(env, settings.appSettings.accountServiceUrl)
  const signing = releaseSigning(env) ?? developmentSigning(resolve(env.TIZEN_DEV_CERT_DIR || join(root, '.certs')), log)
  const outDir = resolve(opts.outDir ?? join(root, 'releases', version))
  const work = join(root, '.tmp/package')
  const appDir = join(work, 'app')
  mkdirSync(outDir, { recursive: true })

  await buildApp(appDir, serviceUrl, version)
  checkSyntax(join(appDir, 'app.js'))
  const ipk = packageWebos(appDir, join(work, 'webos'), outDir, version)
  const wgt = await packageTizen(appDir, join(work, 'tizen'), outDir, version, signing)
  log(`Packaged Tenfoot ${version} for ${engineTarget}+ (account service ${serviceUrl}):`)
  log(`  LG webOS:      ${ipk}`)
  log(`  Samsung Tizen: ${wgt}  (signed with ${signing.kind} certificates)`)
  return { version, outDir, ipk, wgt, appDir, serviceUrl, signing }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  packageApp().catch((e) => {
    console.error(e instanceof PackageError ? `Packaging failed: ${e.message}` : e)
    process.exit(1)
  })
}
