// The service as its own process (what `npm start` runs), so a test can kill it for real with SIGKILL and start it again.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })
}

export class ServiceProcess {
  private child: ChildProcess | null = null
  output = ''

  private constructor(
    readonly port: number,
    readonly dataDir: string,
    readonly env: Record<string, string>,
  ) {}

  get url() {
    return `http://127.0.0.1:${this.port}`
  }

  static async start(env: Record<string, string> = {}): Promise<ServiceProcess> {
    const service = new ServiceProcess(await freePort(), mkdtempSync(join(tmpdir(), 'tenfoot-crash-')), env)
    await service.start()
    return service
  }

  /** Start (again) on the same port and data folder, and wait until it answers. */
  async start(): Promise<void> {
    this.child = spawn(process.execPath, ['--import', 'tsx', 'src/server/start.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(this.port),
        PUBLIC_URL: this.url,
        DATA_DIR: this.dataDir,
        TV_APP_DIR: join(this.dataDir, 'no-tv-app'),
        ...this.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    this.child.stdout?.on('data', (d: Buffer) => (this.output += d.toString()))
    this.child.stderr?.on('data', (d: Buffer) => (this.output += d.toString()))
    const exited = new Promise<void>((resolve) => this.child?.once('exit', () => resolve()))
    for (let i = 0; i < 300; i++) {
      const up = await fetch(`${this.url}/healthz`).then((r) => r.ok, () => false)
      if (up) return
      const gone = await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))])
      if (gone) throw new Error(`the service exited while starting:\n${this.output}`)
    }
    throw new Error(`the service did not start:\n${this.output}`)
  }

  /** SIGKILL: no shutdown handlers, no flushing, as when a machine loses the process. */
  async kill(): Promise<void> {
    const child = this.child
    if (!child || child.exitCode !== null || child.signalCode) return
    const exited = new Promise((r) => child.once('exit', r))
    child.kill('SIGKILL')
    await exited
  }

  async restart(): Promise<void> {
    await this.kill()
    await this.start()
  }
}
