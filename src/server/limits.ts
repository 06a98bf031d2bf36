// Rate limits on guessing codes and passwords, kept in the service's own database so every instance shares them.
import { RateLimiterPostgres, RateLimiterSQLite, type RateLimiterAbstract } from 'rate-limiter-flexible'
import type { Store } from './db'
import { plural } from './words'

/**
 * User codes are 8 digits: 10^8 possibilities. At most 60 wrong codes are accepted service-wide per 10-minute code
 * lifetime, so one live code is guessed with probability at most 60 / 10^8 = 6 × 10^-7, below one in a million.
 * Per address the limit is 5, so one household's typos cannot use up much of the global budget.
 */
export const limitsConfig = {
  wrongCodePerIp: { points: 5, duration: 600 },
  wrongCodeGlobal: { points: 60, duration: 600 },
  passwordPerIp: { points: 10, duration: 600 },
  // Wrong passwords for one account are counted per address, so a stranger who knows an email cannot lock its owner
  // out from their own address; the hourly ceiling over all addresses still stops guessing spread over many.
  passwordPerAccountAndIp: { points: 5, duration: 600 },
  passwordPerAccount: { points: 50, duration: 3600 },
}

export interface Limits {
  wrongCodePerIp: RateLimiterAbstract
  wrongCodeGlobal: RateLimiterAbstract
  passwordPerIp: RateLimiterAbstract
  passwordPerAccountAndIp: RateLimiterAbstract
  passwordPerAccount: RateLimiterAbstract
}

export async function createLimits(store: Store): Promise<Limits> {
  const make = (keyPrefix: keyof typeof limitsConfig) => {
    // The table comes from migration 003 (db.ts), so the limiters never create it themselves.
    const opts = { ...limitsConfig[keyPrefix], keyPrefix, tableName: 'rate_limits', tableCreated: true }
    if (store.pool) return new RateLimiterPostgres({ ...opts, storeClient: store.pool })
    return new RateLimiterSQLite({ ...opts, storeClient: store.sqlite, storeType: 'better-sqlite3' })
  }
  const limits = {
    wrongCodePerIp: make('wrongCodePerIp'),
    wrongCodeGlobal: make('wrongCodeGlobal'),
    passwordPerIp: make('passwordPerIp'),
    passwordPerAccountAndIp: make('passwordPerAccountAndIp'),
    passwordPerAccount: make('passwordPerAccount'),
  }
  // Fail at startup, not on a user's first wrong code, if the table cannot be read.
  await Promise.all(Object.values(limits).map((l) => l.get('startup-check')))
  return limits
}

/** Seconds until another try is allowed, or 0 when the key is not blocked. */
export async function blockedFor(limiter: RateLimiterAbstract, key: string): Promise<number> {
  const res = await limiter.get(key)
  return res && res.consumedPoints >= limiter.points ? Math.ceil(res.msBeforeNext / 1000) : 0
}

/** Count one failure; returns the seconds to wait when this failure used up the allowance. */
export async function recordFailure(limiter: RateLimiterAbstract, key: string): Promise<number> {
  try {
    await limiter.consume(key)
    return 0
  } catch (res) {
    return Math.ceil(((res as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 1000)
  }
}

/**
 * A wait put into words a viewer reads on a TV or a phone: seconds under a minute, else whole minutes rounded up, so
 * nobody is sent back before the block ends. The TV shows it verbatim, so it stays short.
 */
export function waitWords(seconds: number): string {
  return seconds < 60 ? plural(Math.max(1, Math.ceil(seconds)), 'second') : plural(Math.ceil(seconds / 60), 'minute')
}

const accountKey = (email: string) => email.trim().toLowerCase()

/** Seconds before this address may try a password for this email again, or 0. */
export async function passwordBlockedFor(limits: Limits, ip: string, email: string): Promise<number> {
  const account = accountKey(email)
  const waits = await Promise.all([
    blockedFor(limits.passwordPerIp, ip),
    blockedFor(limits.passwordPerAccountAndIp, `${account}|${ip}`),
    blockedFor(limits.passwordPerAccount, account),
  ])
  return Math.max(...waits)
}

/** Count one wrong password from this address for this email. */
export async function recordWrongPassword(limits: Limits, ip: string, email: string): Promise<void> {
  const account = accountKey(email)
  await recordFailure(limits.passwordPerIp, ip)
  await recordFailure(limits.passwordPerAccountAndIp, `${account}|${ip}`)
  await recordFailure(limits.passwordPerAccount, account)
}
