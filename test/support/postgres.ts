// A real PostgreSQL from Debian for the scale-out tests: a fresh cluster in a temporary folder on a loopback port.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ensureDebianTools } from './chromium'
import { freePort } from './serviceProcess'

function binDir(): string | null {
  const base = '/usr/lib/postgresql'
  if (!existsSync(base)) return null
  const version = readdirSync(base).sort((a, b) => Number(b) - Number(a))[0]
  return version && existsSync(join(base, version, 'bin/initdb')) ? join(base, version, 'bin') : null
}

export interface Postgres {
  url: string
  stop(): Promise<void>
}

export async function startPostgres(): Promise<Postgres> {
  if (!binDir()) ensureDebianTools({ pg_ctlcluster: 'postgresql' })
  const bin = binDir()
  if (!bin) throw new Error('PostgreSQL is not installed: apt-get install -y postgresql')
  const dir = mkdtempSync(join(tmpdir(), 'tenfoot-pg-'))
  // PostgreSQL refuses to run as root; as root, run it as the postgres user Debian's package creates.
  const asRoot = typeof process.getuid === 'function' && process.getuid() === 0
  const wrap = (cmd: string, args: string[]): [string, string[]] => (asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args])
  if (asRoot) {
    chmodSync(dir, 0o777)
    execFileSync('chown', ['postgres:postgres', dir])
  }
  const [initCmd, initArgs] = wrap(join(bin, 'initdb'), ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'tenfoot', '--no-sync', '-E', 'UTF8'])
  execFileSync(initCmd, initArgs, { stdio: 'pipe' })
  const port = await freePort()
  const [cmd, args] = wrap(join(bin, 'postgres'), ['-D', join(dir, 'data'), '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'max_connections=100'])
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()))
  const [readyCmd, readyArgs] = wrap(join(bin, 'pg_isready'), ['-h', '127.0.0.1', '-p', String(port)])
  for (let i = 0; ; i++) {
    try {
      execFileSync(readyCmd, readyArgs, { stdio: 'ignore' })
      break
    } catch {
      if (i > 100 || child.exitCode !== null) throw new Error(`PostgreSQL did not start:\n${log}`)
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  return {
    url: `postgres://tenfoot@127.0.0.1:${port}/postgres`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r))
        // Through pg_ctl: as root, a signal to runuser would not reach the server.
        const [stopCmd, stopArgs] = wrap(join(bin, 'pg_ctl'), ['stop', '-D', join(dir, 'data'), '-m', 'fast', '-w'])
        execFileSync(stopCmd, stopArgs, { stdio: 'ignore' })
        await exited
      }
      rmSync(dir, { recursive: true, force: true })
    },
  }
}
