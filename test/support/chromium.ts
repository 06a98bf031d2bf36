// Finds Debian's Chromium and the other Debian tools the tests use, installing them with apt-get when missing and running as root.
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0

function onPath(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}

/** Debian packages the tests use, by the command each provides. Installed with apt-get when missing and running as root. */
export function ensureDebianTools(tools: Record<string, string>): void {
  const missing = Object.entries(tools).filter(([command]) => !onPath(command)).map(([, pkg]) => pkg)
  if (missing.length === 0) return
  if (isRoot()) {
    console.info(`[tests] installing Debian packages: ${missing.join(' ')} (apt-get)…`)
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' })
    execFileSync('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    return
  }
  throw new Error(`The tests need these Debian packages: ${missing.join(' ')}. Install them with "sudo apt-get install -y ${missing.join(' ')}".`)
}

export function ensureChromium(): string {
  const path = chromiumPath()
  if (existsSync(path)) return path
  if (!process.env.CHROMIUM_PATH && isRoot()) {
    console.info('[tests] Chromium is missing: installing Debian package "chromium" with apt-get (about 20 s)…')
    ensureDebianTools({ chromium: 'chromium' })
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
