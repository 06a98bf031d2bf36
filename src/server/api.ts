// The TV's API: plans, who am I, the remote sign-out stream, and Use Remote sign-in that issues the same tokens as the device flow.
import Router from '@koa/router'
import type { Context } from 'koa'
import type Provider from 'oidc-provider'
import { PassThrough } from 'node:stream'
import { authenticate, findAccount } from './accounts'
import type { Store } from './db'
import { findActive, recordTv, touch } from './devices'
import type { SignOutBus } from './events'
import { jsonError } from './http'
import { passwordBlockedFor, recordWrongPassword, waitWords, type Limits } from './limits'
import { plans } from './plans'
import { pairingKey, TV_CLIENT_ID } from './provider'

interface ApiDeps {
  store: Store
  bus: SignOutBus
  limits: Limits
  provider: Provider
}

const HEARTBEAT_MS = 15_000

export function apiRoutes({ store, bus, limits, provider }: ApiDeps): Router {
  const router = new Router()

  router.get('/healthz', (ctx) => void (ctx.body = { ok: true }))
  router.get('/api/plans', (ctx) => void (ctx.body = plans))

  /** The device behind a bearer access token, or a 401 that tells the TV to refresh or sign out. */
  async function authenticated(ctx: Context) {
    const header = ctx.get('authorization')
    const token = /^Bearer (.+)$/i.exec(header)?.[1] ?? (typeof ctx.query.access_token === 'string' ? ctx.query.access_token : '')
    const at = token && token.length < 200 ? await provider.AccessToken.find(token) : undefined
    const device = at?.grantId ? await findActive(store.db, { grantId: at.grantId }) : undefined
    const account = device ? await findAccount(store.db, device.account_id) : undefined
    if (!at || !device || !account) {
      ctx.set('WWW-Authenticate', 'Bearer error="invalid_token"')
      jsonError(ctx, 401, 'invalid_token', 'This TV is no longer signed in. Sign in again.')
      return null
    }
    return { device, account, grantId: at.grantId as string }
  }

  router.get('/api/session', async (ctx) => {
    const auth = await authenticated(ctx)
    if (!auth) return
    await touch(store.db, auth.device.id, ctx.ip)
    const { device, account } = auth
    ctx.body = { account: { email: account.email, name: account.name }, device: { id: device.id, name: device.name, platform: device.platform, model: device.model } }
  })

  /** A Server-Sent Events stream that sends `event` once when `key` is published on the bus, then ends. */
  function eventStream(ctx: Context, key: string, event: string, data: object, endAfterMs?: number) {
    ctx.req.socket.setTimeout(0)
    ctx.req.socket.setNoDelay(true)
    ctx.set({ 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' })
    const stream = new PassThrough()
    ctx.status = 200
    ctx.body = stream
    stream.write(`retry: 3000\n: connected\n\n`)
    const heartbeat = setInterval(() => stream.write(': heartbeat\n\n'), HEARTBEAT_MS)
    const expiry = endAfterMs === undefined ? undefined : setTimeout(() => stream.end(), endAfterMs)
    const stop = bus.subscribe(key, () => {
      stream.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
      stream.end()
    })
    const cleanup = () => {
      clearInterval(heartbeat)
      clearTimeout(expiry)
      stop()
    }
    stream.on('close', cleanup)
    ctx.req.on('close', () => {
      cleanup()
      stream.end()
    })
  }

  // Server-Sent Events: `signed-out` the moment this TV's grant is revoked, wherever that happened.
  router.get('/api/session/events', async (ctx) => {
    const auth = await authenticated(ctx)
    if (!auth) return
    eventStream(ctx, auth.grantId, 'signed-out', { reason: 'This device was signed out from your account.' })
  })

  // While a TV shows its code: `decided` the moment the phone approves or cancels, so the TV asks for its tokens at
  // once instead of at its next 5 s poll. The device code is the TV's secret; the event says only "ask now".
  router.get('/api/pairing/events', async (ctx) => {
    const code = typeof ctx.query.device_code === 'string' ? ctx.query.device_code : ''
    const found = code && code.length < 200 ? await provider.DeviceCode.find(code).catch(() => undefined) : undefined
    if (!found) return jsonError(ctx, 404, 'invalid_grant', 'That pairing code is not known or has expired. Ask for a new one.')
    eventStream(ctx, pairingKey(code), 'decided', {}, Math.max(0, (found.exp ?? 0) * 1000 - Date.now()))
  })

  // Use Remote: the same tokens as the device flow (a grant, access and refresh token), never the OAuth password grant.
  router.post('/api/signin', async (ctx) => {
    const body = ((ctx.request as unknown as { body?: unknown }).body ?? {}) as Record<string, unknown>
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : ''
    const password = typeof body.password === 'string' ? body.password.slice(0, 200) : ''
    if (body.client_id !== TV_CLIENT_ID) return jsonError(ctx, 400, 'invalid_client', 'Unknown app. Update the Tenfoot app and try again.')
    if (!email || !password) return jsonError(ctx, 400, 'invalid_request', 'Enter your email and password.')
    const wait = await passwordBlockedFor(limits, ctx.ip, email)
    if (wait > 0) {
      ctx.set('Retry-After', String(wait))
      return jsonError(ctx, 429, 'too_many_attempts', `Too many tries. Wait ${waitWords(wait)}, then try again.`)
    }
    const account = await authenticate(store.db, email, password)
    if (!account) {
      await recordWrongPassword(limits, ctx.ip, email)
      return jsonError(ctx, 401, 'invalid_credentials', 'That email and password don’t match. Check them and try again.')
    }
    const client = await provider.Client.find(TV_CLIENT_ID)
    if (!client) throw new Error('tenfoot-tv client missing')
    const grant = new provider.Grant({ clientId: TV_CLIENT_ID, accountId: account.id })
    grant.addOIDCScope('openid offline_access')
    const grantId = await grant.save()
    const common = { accountId: account.id, client, grantId, scope: 'openid offline_access', gty: 'tv_remote_signin' }
    const accessToken = await new provider.AccessToken(common).save()
    const refreshToken = await new provider.RefreshToken(common).save()
    await recordTv(store.db, { accountId: account.id, grantId, ip: ctx.ip, name: body.device_name, platform: body.device_platform, model: body.device_model })
    ctx.body = { access_token: accessToken, refresh_token: refreshToken, token_type: 'Bearer', expires_in: 3600, scope: 'openid offline_access' }
  })

  return router
}
