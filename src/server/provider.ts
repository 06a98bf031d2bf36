// oidc-provider set up for TVs: the device flow with digit codes, short /tv URLs, interval and slow_down, and our pages.
import { createHash } from 'node:crypto'
import type { Context, Next } from 'koa'
import Provider, { type KoaContextWithOIDC } from 'oidc-provider'
import { findAccount } from './accounts'
import { createAdapter } from './adapter'
import type { Config } from './config'
import type { Store } from './db'
import { describe, grantEnded, recordTv, webSession } from './devices'
import type { SignOutBus } from './events'
import { blockedFor, recordFailure, waitWords, type Limits } from './limits'
import { render, renderSignInEnded } from './pages/render'
import { findPlan, planChosenOnTv } from './plans'

/** The bus key a TV's pairing stream listens on. */
export const pairingKey = (deviceCode: string) => `pairing:${deviceCode}`

export const TV_CLIENT_ID = 'tenfoot-tv'
export const POLL_INTERVAL = 5
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

/**
 * This browser's oidc-provider session (the one a code page is made in, and that remembers who signed in here for TVs),
 * if its cookie names one that exists: not expired, not forged.
 */
export async function browserSession(provider: Provider, ctx: Context) {
  const id = ctx.cookies.get('_session')
  if (!id || id.length > 100) return undefined
  return provider.Session.find(id).catch(() => undefined)
}

export interface ProviderDeps {
  config: Config
  store: Store
  bus: SignOutBus
  limits: Limits
  allowOrigin(origin: string, path: string): boolean
}

const digits = (s: unknown) => String(s ?? '').replace(/\D/g, '')
/** The pairing code's shape, as the TV shows it: 8 digits in two groups. */
const CODE_MASK = '**** ****'
const CODE_DIGITS = CODE_MASK.replace(/ /g, '').length

export function createProvider({ config, store, bus, limits, allowOrigin }: ProviderDeps): Provider {
  const provider: Provider = new Provider(config.publicUrl, {
    adapter: createAdapter(store),
    clients: [
      {
        client_id: TV_CLIENT_ID,
        client_name: 'Tenfoot TV',
        token_endpoint_auth_method: 'none',
        grant_types: [DEVICE_CODE_GRANT, 'refresh_token'],
        response_types: [],
        redirect_uris: [],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    scopes: ['openid', 'offline_access'],
    claims: { openid: ['sub'], email: ['email'] },
    cookies: { keys: config.keys.cookies },
    jwks: config.keys.jwks as never,
    extraParams: ['device_name', 'device_platform', 'device_model'],
    routes: { code_verification: '/tv', device_authorization: '/device/auth', token: '/token', revocation: '/token/revocation' },
    ttl: { DeviceCode: config.deviceCodeTtl, AccessToken: 3600, RefreshToken: 90 * 24 * 3600, Grant: 365 * 24 * 3600, Interaction: 3600, Session: 14 * 24 * 3600 },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      deviceFlow: {
        enabled: true,
        charset: 'digits',
        mask: CODE_MASK,
        // What the phone's confirm page and the device list show: the TV's own description, as it sent it.
        deviceInfo: (ctx: KoaContextWithOIDC) => ({
          ip: ctx.ip,
          ...describe({ name: ctx.oidc.params?.device_name, platform: ctx.oidc.params?.device_platform, model: ctx.oidc.params?.device_model }),
        }),
        userCodeInputSource: async (ctx: KoaContextWithOIDC, _form: string, _out: unknown, err?: Error) => {
          // A finished sign-in's page reloaded, or a made-up /tv/<something>: it is over, not "something went wrong".
          if (err?.name === 'SessionNotFound') return renderSignInEnded(ctx)
          if (err?.name === 'AbortedError') {
            decided(ctx)
            return render(ctx, 'message', {
              title: 'Sign-in cancelled',
              message: 'Nothing was signed in. Your TV will show a new code if you want to try again.',
              tone: 'notice',
            })
          }
          const message: Record<string, string> = {
            NotFoundError: 'That code isn’t right. Check the code on your TV and try again.',
            ExpiredError: 'That code has expired. Your TV shows a new one: enter that.',
            AlreadyUsedError: 'That code was already used. Your TV shows a new one if it needs it.',
            NoCodeError: 'Enter the code your TV shows.',
          }
          // Not a code at all (letters, too few or too many digits): say what one looks like. A form without its
          // token (an old tab) has expired.
          if (err?.name === 'NotFoundError' && ctx.state.malformedCode) message.NotFoundError = `A code is ${CODE_DIGITS} digits, as your TV shows it, such as 1234 5678. Check it and try again.`
          if (err?.name === 'InvalidRequest' && /xsrf/.test(err.message + String((err as { error_description?: string }).error_description))) message.InvalidRequest = 'This page expired. Enter the code again.'
          const error = err ? (message[err.name] ?? 'Something went wrong. Try the code again.') : undefined
          // After an error the field keeps what was typed, so a typo is corrected rather than typed again; a code that
          // expired or was used is done with, so the field is emptied for the new one.
          const spent = err?.name === 'ExpiredError' || err?.name === 'AlreadyUsedError'
          const typed = spent ? '' : (ctx.state.formBody as URLSearchParams | undefined)?.get('user_code')?.slice(0, 20)
          render(ctx, 'code', { title: 'Connect your TV', xsrf: ctx.oidc.session?.state?.secret, code: ctx.state.prefillCode ?? '', typed, error }, error ? 400 : undefined)
        },
        userCodeConfirmSource: async (ctx: KoaContextWithOIDC, _form: string, _client: unknown, deviceInfo: object, userCode: string) => {
          // A chosen plan means sign-up comes next, so the page speaks of the account about to be made. A phone already
          // signed in here (for TVs, or to the account's web pages) skips sign-up and no plan is applied, so it gets the
          // ordinary sign-in page, with no plan promised. Signed in for TVs, it says which account the TV joins, with a
          // way to use another (a shared phone is signed in as its last user); on the web, the next page offers both.
          const accountId = ctx.oidc.session?.accountId
          const signedInAs = accountId ? (await findAccount(store.db, accountId))?.email : undefined
          const hasAccount = !!accountId || (await webSession(store.db, ctx.cookies)) !== null
          render(ctx, 'confirm', {
            title: 'Confirm your TV',
            xsrf: ctx.oidc.session?.state?.secret,
            userCode,
            device: deviceInfo,
            signedInAs,
            plan: hasAccount ? undefined : planChosenOnTv(ctx.cookies),
          })
        },
        successSource: async (ctx: KoaContextWithOIDC) => {
          decided(ctx)
          const code = ctx.oidc.entities.DeviceCode as { accountId?: string; iat?: number; deviceInfo?: { name?: string } } | undefined
          const signingIn = `${code?.deviceInfo?.name ?? 'Your TV'} is signing in now. You can put your phone away.`
          // An account made after the TV asked for this code was made for it: say it is ready, with the plan it records.
          const account = code?.accountId ? await findAccount(store.db, code.accountId) : undefined
          if (account && code?.iat && account.created_at >= code.iat * 1000) {
            const plan = findPlan(account.plan_id)
            return render(ctx, 'message', { title: 'Your account is ready', message: `${plan ? `You’re on the ${plan.name} plan. ` : ''}${signingIn}`, tone: 'notice' })
          }
          render(ctx, 'message', { title: 'You’re signed in', message: signingIn, tone: 'notice' })
        },
      },
    },
    interactions: { url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    // A first-party TV needs no consent page; and every TV gets a grant of its own, so signing one out leaves the rest.
    loadExistingGrant: async (ctx: KoaContextWithOIDC) => {
      const accountId = ctx.oidc.session?.accountId
      if (!accountId || ctx.oidc.client?.clientId !== TV_CLIENT_ID) return undefined
      const grant = new provider.Grant({ clientId: TV_CLIENT_ID, accountId })
      grant.addOIDCScope('openid offline_access')
      await grant.save()
      return grant
    },
    findAccount: async (_ctx: KoaContextWithOIDC, id: string) => {
      const account = await findAccount(store.db, id)
      return account ? { accountId: account.id, claims: async () => ({ sub: account.id, email: account.email }) } : undefined
    },
    clientBasedCORS: (ctx: KoaContextWithOIDC, origin: string) => allowOrigin(origin, ctx.path),
    renderError: async (ctx: KoaContextWithOIDC, out: { error?: string; error_description?: string }) => {
      render(ctx, 'message', { title: 'Something went wrong', message: out.error_description ?? 'Please start again from your TV.', tone: 'error' })
    },
    pkce: { required: () => false },
  } as never)
  provider.proxy = config.trustProxy > 0

  // A TV that revokes its own token has signed itself out: the device goes from the list and its stream is told.
  provider.on('grant.revoked', (_ctx: unknown, grantId: string) => void grantEnded(store.db, bus, grantId).catch((e) => console.error('[devices]', e)))
  provider.on('server_error', (_ctx: unknown, err: Error) => console.error('[oidc] server error', err))

  provider.use(async (ctx: Context, next: Next) => {
    const oidc = (ctx as KoaContextWithOIDC).oidc
    // A code form or resume link that arrives without the session it was made in (an old tab, a forged post):
    // oidc-provider would fail inside; say plainly that the page expired.
    const codePage = (ctx.method === 'POST' && ctx.path === '/tv') || (ctx.method === 'GET' && /^\/tv\/[^/]+/.test(ctx.path))
    if (codePage && !(await browserSession(provider, ctx))) {
      return render(ctx, 'message', {
        title: 'This page expired',
        message: 'Open the sign-in page again and enter the code your TV shows.',
        tone: 'error',
        next: { href: '/tv', label: 'Enter the code' },
      }, 400)
    }
    if (ctx.method === 'POST' && ctx.path === '/token' && (await slowDown(ctx))) return
    if (ctx.method === 'POST' && ctx.path === '/tv' && (await wrongCodeLimit(ctx))) return
    await next()
    const route = (ctx as KoaContextWithOIDC).oidc?.route ?? oidc?.route
    if (route === 'device_authorization' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      const body = ctx.body as { user_code: string; verification_uri?: string; verification_uri_complete?: string; interval?: number }
      // oidc-provider sends no interval and names the host the TV called; the URLs use PUBLIC_URL, which a phone can reach. The QR stays a low version with a short path: /tv/12345678.
      body.interval = POLL_INTERVAL
      body.verification_uri = `${config.publicUrl}/tv`
      body.verification_uri_complete = `${config.publicUrl}/tv/${digits(body.user_code)}`
    }
    if (route === 'token' && ctx.status === 200) await recordDevice(ctx as KoaContextWithOIDC)
  })


  /** Tell the TV waiting on this code (on any instance) that the phone approved or cancelled: it may ask now. */
  function decided(ctx: KoaContextWithOIDC) {
    const code = ctx.oidc.entities.DeviceCode as { jti?: string } | undefined
    if (code?.jti) void bus.publish(pairingKey(code.jti)).catch((e) => console.error('[pairing]', e))
  }

  /** RFC 8628 §3.5: a TV polling faster than its interval hears slow_down, and its interval grows by 5 s. */
  async function slowDown(ctx: Context): Promise<boolean> {
    const body = await readForm(ctx)
    if (body.get('grant_type') !== DEVICE_CODE_GRANT) return false
    const code = body.get('device_code')
    if (!code) return false
    const key = createHash('sha256').update(code).digest('hex')
    const now = Date.now()
    const row = await store.db.selectFrom('device_polls').selectAll().where('code_hash', '=', key).executeTakeFirst()
    // A quarter-second of grace for network jitter between two requests sent exactly `interval` apart.
    // A code the phone has decided is asked for once more at once (the TV was told by its pairing stream): no slow_down.
    const decidedAlready = async () => {
      const found = (await provider.DeviceCode.find(code, { ignoreExpiration: true }).catch(() => undefined)) as { accountId?: string; error?: string } | undefined
      return !!(found?.accountId || found?.error)
    }
    if (row && now - row.last_poll_at < row.interval * 1000 - 250 && !(await decidedAlready())) {
      const interval = row.interval + 5
      await store.db.updateTable('device_polls').set({ interval, last_poll_at: now }).where('code_hash', '=', key).execute()
      ctx.status = 400
      ctx.body = { error: 'slow_down', error_description: `Polling too fast: wait ${interval} seconds between requests.`, interval }
      return true
    }
    await store.db
      .insertInto('device_polls')
      .values({ code_hash: key, last_poll_at: now, interval: POLL_INTERVAL })
      .onConflict((oc) => oc.column('code_hash').doUpdateSet({ last_poll_at: now }))
      .execute()
    return false
  }

  /** RFC 8628 §5.1: wrong codes are counted per address and service-wide; past the limit, a clear 429 page. */
  async function wrongCodeLimit(ctx: Context): Promise<boolean> {
    const body = await readForm(ctx)
    const userCode = body.get('user_code')
    if (!userCode || body.has('confirm') || body.has('abort')) return false
    // Only a code of the right shape can be a guess: a typo of the wrong length or letters is told so, and not counted.
    if (digits(userCode).length !== CODE_DIGITS) {
      ctx.state.malformedCode = true
      return false
    }
    const wait = Math.max(await blockedFor(limits.wrongCodePerIp, ctx.ip), await blockedFor(limits.wrongCodeGlobal, 'all'))
    if (wait === 0) {
      const found = await provider.DeviceCode.findByUserCode(digits(userCode), { ignoreExpiration: true })
      if (found) {
        // Confirmed once but never finished (the tab was closed, or the service restarted mid-sign-in): entering the
        // code again starts over, instead of "already used" and a TV stuck on a dead code until it expires.
        const code = found as unknown as { inFlight?: boolean; accountId?: string; error?: string; save(): Promise<unknown> }
        if (code.inFlight && !code.accountId && !code.error) {
          code.inFlight = undefined
          await code.save()
        }
        return false
      }
      await recordFailure(limits.wrongCodePerIp, ctx.ip)
      await recordFailure(limits.wrongCodeGlobal, 'all')
      return false // oidc-provider renders "that code isn’t right"
    }
    ctx.set('Retry-After', String(wait))
    render(ctx, 'message', {
      title: 'Too many wrong codes',
      message: `To keep accounts safe, code entry is paused. Try again in ${waitWords(wait)}.`,
      tone: 'error',
    }, 429)
    return true
  }

  async function recordDevice(ctx: KoaContextWithOIDC): Promise<void> {
    const { DeviceCode: code, Grant: grant, RefreshToken: refresh } = ctx.oidc.entities as Record<string, { grantId?: string; jti?: string; accountId?: string; deviceInfo?: object } | undefined>
    if (code?.grantId && code.accountId) {
      await recordTv(store.db, { accountId: code.accountId, grantId: code.grantId, ip: ctx.ip, ...(code.deviceInfo ?? {}) })
    }
    const grantId = grant?.jti ?? refresh?.grantId
    if (grantId) await store.db.updateTable('devices').set({ last_active_at: Date.now(), ip: ctx.ip }).where('grant_id', '=', grantId).execute()
  }

  return provider
}

/**
 * Reads a form body once for our checks; oidc-provider then takes the same text from `ctx.request.body`
 * (its documented fallback when an upstream middleware has read the stream).
 */
async function readForm(ctx: Context): Promise<URLSearchParams> {
  const cached = ctx.state.formBody as URLSearchParams | undefined
  if (cached) return cached
  if (!ctx.is('application/x-www-form-urlencoded')) return new URLSearchParams()
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of ctx.req) {
    size += (chunk as Buffer).length
    if (size > 56 * 1024) ctx.throw(413, 'The request is too large.')
    chunks.push(chunk as Buffer)
  }
  const raw = Buffer.concat(chunks).toString('utf8')
  ;(ctx.request as { body?: unknown }).body = raw
  const parsed = new URLSearchParams(raw)
  ctx.state.formBody = parsed
  return parsed
}
