// The service's one configuration: read from the environment, validated at startup, keys generated into the data folder.
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { accessSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { join, resolve } from 'node:path'

export interface Config {
  port: number
  host: string
  publicUrl: string
  databaseUrl: string | null
  dataDir: string
  production: boolean
  deviceCodeTtl: number
  corsOrigins: string[]
  tvPort: number
  /** Proxies in front of the service that add the client's address to X-Forwarded-For (0: none, trust no header). */
  trustProxy: number
  tvAppDir: string
  keys: { jwks: { keys: object[] }; cookies: string[] }
}

export class ConfigError extends Error {
  constructor(setting: string, problem: string) {
    super(`Configuration error in ${setting}: ${problem}`)
  }
}

/** A port another program already holds: which setting chose it and what to do, instead of a stack trace. */
export function portInUse(setting: string, port: number): ConfigError {
  return new ConfigError(setting, `port ${port} is already in use by another program. Stop that program, or set ${setting} to a free port.`)
}

export function lanAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const net of list ?? []) if (net.family === 'IPv4' && !net.internal) return net.address
  }
  return '127.0.0.1'
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min || value > max) throw new ConfigError(name, `must be a whole number from ${min} to ${max}, got "${raw}"`)
  return value
}

/**
 * CORS_ORIGINS as the origins a browser sends: each entry must be an http(s) URL, and only its origin counts, so
 * "https://tv.example.com/" (as copied from an address bar) matches the "https://tv.example.com" a browser sends.
 */
function corsOrigins(env: NodeJS.ProcessEnv): string[] {
  return (env.CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean).map((entry) => {
    const url = URL.canParse(entry) ? new URL(entry) : null
    if (url?.protocol !== 'http:' && url?.protocol !== 'https:') throw new ConfigError('CORS_ORIGINS', `"${entry}" is not an http(s) origin such as https://tv.example.com; list origins separated by commas`)
    return url.origin
  })
}

/**
 * Runs `work` on the data folder; a folder that cannot be one (a file, or not ours to write) becomes a ConfigError that
 * names DATA_DIR and what to do, like every other bad setting, instead of a bare EEXIST or EACCES stack trace.
 */
export function inDataDir<T>(dataDir: string, work: () => T): T {
  try {
    return work()
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? ''
    const unwritable = `the service cannot write to ${dataDir} (${code}).`
    const problems: Record<string, string> = { EEXIST: `${dataDir} is a file, not a folder.`, ENOTDIR: `${dataDir} is inside a file, not a folder.`, EACCES: unwritable, EPERM: unwritable, EROFS: unwritable }
    const problem = problems[code]
    if (!problem) throw err
    throw new ConfigError('DATA_DIR', `${problem} Set DATA_DIR to a folder this user can write to (it is made if missing), or let this user write to that one.`)
  }
}

/** Keys are made once per data folder and kept there, so restarts keep sessions and tokens valid. */
function loadOrCreateKeys(dataDir: string, production: boolean): Config['keys'] {
  const file = join(dataDir, 'keys.json')
  if (existsSync(file)) {
    const keys = JSON.parse(readFileSync(file, 'utf8')) as Config['keys'] & { development?: boolean }
    if (production && keys.development) throw new ConfigError('DATA_DIR', `${file} holds development keys; remove it so production keys are generated`)
    return keys
  }
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'ES256', kid: randomBytes(8).toString('hex') }
  const keys = { jwks: { keys: [jwk] }, cookies: [randomBytes(32).toString('base64url')], development: !production }
  inDataDir(dataDir, () => writeFileSync(file, JSON.stringify(keys), { mode: 0o600 }))
  return keys
}

/** The port PORT names (3000 unset), checked before the service listens on it. */
export const portSetting = (env: NodeJS.ProcessEnv): number => integer(env, 'PORT', 3000, 0, 65535)

const tvPortSetting = (env: NodeJS.ProcessEnv): number => integer(env, 'TV_PORT', 8080, 0, 65535)
const tvAppDirSetting = (env: NodeJS.ProcessEnv): string => resolve(env.TV_APP_DIR ?? 'build')

/**
 * Where `npm start` serves the built TV app, or null when it is not built. Its port must not be PORT: the second to
 * listen would be told the port is used "by another program", when that program is this one. PORT=0 picks a free
 * port, so it never clashes.
 */
export function tvAppServing(env: NodeJS.ProcessEnv): { dir: string; port: number } | null {
  const dir = tvAppDirSetting(env)
  if (!existsSync(dir)) return null
  const port = tvPortSetting(env)
  const servicePort = portSetting(env)
  if (servicePort !== 0 && port === servicePort) throw new ConfigError('TV_PORT', `must differ from PORT (both ${port}). Set TV_PORT to another free port.`)
  return { dir, port }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Pick<Config, 'port' | 'publicUrl' | 'dataDir' | 'deviceCodeTtl'>> = {}): Config {
  const nodeEnv = env.NODE_ENV ?? 'development'
  if (!['development', 'production', 'test'].includes(nodeEnv)) throw new ConfigError('NODE_ENV', `must be development, production or test, got "${nodeEnv}"`)
  const production = nodeEnv === 'production'
  const port = overrides.port ?? portSetting(env)
  const host = env.HOST || '0.0.0.0'
  let publicUrl = overrides.publicUrl ?? env.PUBLIC_URL ?? `http://${lanAddress()}:${port}`
  try {
    const u = new URL(publicUrl)
    if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error()
    publicUrl = u.origin
  } catch {
    throw new ConfigError('PUBLIC_URL', `must be an http(s) URL such as http://192.168.1.20:3000, got "${publicUrl}"`)
  }
  if (production && !publicUrl.startsWith('https:')) throw new ConfigError('PUBLIC_URL', 'must be https in production, so cookies and tokens are never sent in the clear')
  const databaseUrl = env.DATABASE_URL || null
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) throw new ConfigError('DATABASE_URL', 'must be a postgres:// URL (leave it unset for the embedded SQLite file)')
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? 'data')
  // Made and checked now: the database, the keys and the demo account are all written here, before the first request.
  inDataDir(dataDir, () => {
    mkdirSync(dataDir, { recursive: true })
    accessSync(dataDir, constants.W_OK)
  })
  return {
    port,
    host,
    publicUrl,
    databaseUrl,
    dataDir,
    production,
    deviceCodeTtl: overrides.deviceCodeTtl ?? integer(env, 'DEVICE_CODE_TTL', 600, 10, 3600),
    corsOrigins: corsOrigins(env),
    tvPort: tvPortSetting(env),
    trustProxy: integer(env, 'TRUST_PROXY', 0, 0, 10),
    tvAppDir: tvAppDirSetting(env),
    keys: loadOrCreateKeys(dataDir, production),
  }
}
