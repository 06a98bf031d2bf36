// Accounts: email + password hashed with scrypt and a per-user salt; lookups that take the same time whether or not the email exists.
import { randomBytes, randomUUID, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { DB } from './db'

const params = { N: 16384, r: 8, p: 1, keylen: 64 }

function scrypt(password: string, salt: Buffer, keylen: number, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => scryptCb(password, salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key))))
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16)
  const key = await scrypt(password, salt, params.keylen, { N: params.N, r: params.r, p: params.p })
  return `scrypt$${params.N}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$')
  if (scheme !== 'scrypt' || !salt || !hash) return false
  const expected = Buffer.from(hash, 'base64')
  const key = await scrypt(password, Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: Number(r), p: Number(p) })
  return timingSafeEqual(key, expected)
}

// Checked against when the email is unknown, so both answers cost one scrypt.
const decoy = hashPassword(randomBytes(16).toString('hex'))

export type Account = DB['accounts']

export const normalizeEmail = (email: string) => email.trim().toLowerCase()

export function validEmail(email: string): boolean {
  return email.length <= 254 && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)
}

export async function findAccount(db: Kysely<DB>, id: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function findAccountByEmail(db: Kysely<DB>, email: string): Promise<Account | undefined> {
  return db.selectFrom('accounts').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst()
}

/** The account for these credentials, or null; the time taken does not tell whether the email exists. */
export async function authenticate(db: Kysely<DB>, email: string, password: string): Promise<Account | null> {
  const account = await findAccountByEmail(db, email)
  const ok = await verifyPassword(password, account?.password_hash ?? (await decoy))
  return account && ok ? account : null
}

export class SignUpError extends Error {
  /** `emailTaken`: the email has an account already, so the page links to sign-in. */
  constructor(
    message: string,
    readonly emailTaken = false,
  ) {
    super(message)
  }
}

export async function createAccount(db: Kysely<DB>, input: { email: string; password: string; name?: string; planId?: string | null }): Promise<Account> {
  const email = normalizeEmail(input.email)
  if (!validEmail(email)) throw new SignUpError('Enter a valid email address, like name@example.com.')
  if (input.password.length < 8 || input.password.length > 200) throw new SignUpError('Choose a password of at least 8 characters.')
  const account: Account = {
    id: randomUUID(),
    email,
    name: (input.name ?? '').trim().slice(0, 100) || email.split('@')[0] || email,
    password_hash: await hashPassword(input.password),
    plan_id: input.planId ?? null,
    created_at: Date.now(),
  }
  // One insert: the account exists whole or not at all, even if the process dies mid-way.
  const inserted = await db.insertInto('accounts').values(account).onConflict((oc) => oc.column('email').doNothing()).executeTakeFirst()
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) throw new SignUpError('An account with that email already exists.', true)
  return account
}
