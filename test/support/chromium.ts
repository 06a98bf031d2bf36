// Finds Debian's Chromium for the browser tests, installing it with apt-get when missing and running as root.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}

export function ensureChromium(): string {
  const path = chromiumPath()
  if (existsSync(path)) return path
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0
  if (!process.env.CHROMIUM_PATH && isRoot) {
    console.info('[tests] Chromium is missing: installing Debian package "chromium" with apt-get (about 20 s)…')
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    if (existsSync(path)) return path
  }
  throw new Error(
    `Chromium was not found at ${path}. Install it with "sudo apt-get install -y --no-install-recommends chromium", ` +
      'or point CHROMIUM_PATH at a Chromium binary. (Playwright’s own browser download is not used.)',
  )
}

/** Flags measured to work headless on these machines (see shared/NOTES.md). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
  '--window-size=1920,1080',
]
