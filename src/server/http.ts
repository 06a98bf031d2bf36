// Cross-cutting HTTP: request log, one error shape, security headers, CORS for the TV, CSRF for forms and their answers.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFileSync } from 'node:fs'
import type { Context, Next } from 'koa'
import type { Config } from './config'
import { render } from './pages/render'

/** The one shape of an error the TV and scripts read. */
export function jsonError(ctx: Context, status: number, error: string, description: string): void {
  ctx.status = status
  ctx.body = { error, error_description: description }
}

const icon = readFileSync(new URL('../../static/icon.png', import.meta.url))

/** Browsers ask for /favicon.ico with the first page they open: Tenfoot's icon, instead of a 404 logged every time. */
export function favicon(ctx: Context): void {
  ctx.type = 'image/png'
  ctx.set('Cache-Control', 'public, max-age=86400')
  ctx.body = icon
}

const wantsJson = (ctx: Context) => ctx.path.startsWith('/api/') || ctx.path === '/healthz' || !ctx.accepts('html')

/** Every failure becomes a clear 4xx, or a 500 that says nothing about our insides; no stack trace reaches a user. */
export async function errors(ctx: Context, next: Next): Promise<void> {
  const started = Date.now()
  try {
    await next()
    if (ctx.status === 404 && !ctx.body) {
      if (wantsJson(ctx)) jsonError(ctx, 404, 'not_found', 'There is nothing at this address.')
      else render(ctx, 'message', { title: 'Page not found', message: 'There is nothing at this address.', tone: 'error', next: { href: '/tv', label: 'Connect a TV' } }, 404)
    }
  } catch (err) {
    const e = err as { status?: number; expose?: boolean; message?: string; code?: string }
    // A body that claims gzip/deflate (zlib's Z_*) or br (brotli's ERR__ERROR_*) but is not: the sender's mistake, so a 400 that says what is wrong.
    if (typeof e.code === 'string' && /^(Z_|ERR__ERROR_)/.test(e.code)) Object.assign(e, { status: 400, message: 'The request body could not be decoded: it does not match its Content-Encoding.' })
    const status = e.status && e.status >= 400 && e.status < 500 ? e.status : 500
    if (status === 500) console.error(`[error] ${ctx.method} ${ctx.path}`, err)
    // The body parser's words ("request entity too large") are not a person's.
    const friendly: Record<number, string> = {
      413: 'That was more than a form can send. Go back and try again with shorter entries.',
      500: 'Something went wrong on our side. Please try again in a moment.',
    }
    const message = friendly[status] ?? e.message ?? 'That request was not valid.'
    if (wantsJson(ctx)) jsonError(ctx, status, status === 500 ? 'server_error' : 'invalid_request', message)
    else render(ctx, 'message', { title: status === 500 ? 'Something went wrong' : 'That didn’t work', message, tone: 'error' }, status)
  } finally {
    if (process.env.NODE_ENV !== 'test' || process.env.TENFOOT_LOG) console.info(`${ctx.method} ${ctx.path} ${ctx.status} ${Date.now() - started}ms`)
  }
}

export function securityHeaders(config: Config) {
  return async (ctx: Context, next: Next) => {
    ctx.state.nonce = randomBytes(16).toString('base64')
    await next()
    ctx.set('Content-Security-Policy', `default-src 'none'; style-src 'nonce-${ctx.state.nonce}'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'`)
    ctx.set('X-Frame-Options', 'DENY')
    ctx.set('X-Content-Type-Options', 'nosniff')
    ctx.set('Referrer-Policy', 'no-referrer')
    if (config.publicUrl.startsWith('https:')) ctx.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  }
}

/**
 * The endpoints the TV app calls: the only ones a page with an opaque origin may read.
 *
 * Packaged TV apps (a Tizen .wgt, a webOS .ipk) run from file:// and send `Origin: null` or `file://`, so even
 * production must answer those. But any web page can send `Origin: null` (a sandboxed iframe, a data: URL), so it
 * names nobody. It is let read only what a TV needs, and never with credentials: no response here or from
 * oidc-provider carries Access-Control-Allow-Credentials, so a browser never lets such a page read an answer made
 * with its cookies, and none of these endpoints reads a cookie anyway (they use bearer tokens and device codes).
 * What a hostile page can still do is what a TV does: ask for a code, which is harmless, and try passwords on
 * /api/signin from its visitors' browsers. limits.ts bounds that per address, per account and address, and per
 * account over all addresses together (50 an hour), so spreading guesses over many visitors does not help.
 */
const TV_ENDPOINTS = new Set(['/device/auth', '/token', '/token/revocation', '/api/signin', '/api/session', '/api/session/events', '/api/pairing/events', '/api/plans', '/healthz'])

/** Origins the TV app may call from: CORS_ORIGINS, packaged apps (null/file, TV endpoints only), and in development local dev servers and this machine's LAN host. */
export function originPolicy(config: Config) {
  const lanHost = new URL(config.publicUrl).hostname
  return (origin: string, path: string): boolean => {
    if (config.corsOrigins.includes(origin)) return true
    if (origin === 'null' || origin.startsWith('file://')) return TV_ENDPOINTS.has(path)
    if (config.production) return false
    try {
      const { protocol, hostname } = new URL(origin)
      return (protocol === 'http:' || protocol === 'https:') && ['localhost', '127.0.0.1', lanHost].includes(hostname)
    } catch {
      return false
    }
  }
}

export function cors(allow: (origin: string, path: string) => boolean) {
  return async (ctx: Context, next: Next) => {
    const origin = ctx.get('Origin')
    // The TV's own calls, and /healthz for its Get Help network check.
    if (origin && (ctx.path.startsWith('/api/') || ctx.path === '/healthz') && allow(origin, ctx.path)) {
      ctx.set('Access-Control-Allow-Origin', origin)
      ctx.set('Vary', 'Origin')
      if (ctx.method === 'OPTIONS') {
        ctx.set('Access-Control-Allow-Headers', 'authorization, content-type')
        ctx.set('Access-Control-Allow-Methods', 'GET, POST')
        ctx.set('Access-Control-Max-Age', '600')
        ctx.status = 204
        return
      }
    }
    await next()
  }
}

/** How every cookie of the pages is set: signed, HttpOnly, same-site, and Secure when the service is served over HTTPS. */
export const cookieOptions = (config: Config) => ({ signed: true, httpOnly: true, sameSite: 'lax' as const, secure: config.publicUrl.startsWith('https:'), overwrite: true })

/** Double-submit CSRF: a signed, HttpOnly cookie holds the token; every form posts it back. */
export function csrf(config: Config) {
  const options = cookieOptions(config)
  return async (ctx: Context, next: Next) => {
    let token = ctx.cookies.get('tf_csrf', { signed: true })
    if (!token) {
      token = randomBytes(24).toString('base64url')
      ctx.cookies.set('tf_csrf', token, options)
    }
    ctx.state.csrf = token
    const isOurForm = ctx.method === 'POST' && !['/tv', '/token', '/token/revocation', '/device/auth'].includes(ctx.path) && !ctx.path.startsWith('/api/')
    if (isOurForm) {
      const sent = String((ctx.request as unknown as { body?: Record<string, unknown> }).body?._csrf ?? "")
      const ok = sent.length === token.length && timingSafeEqual(Buffer.from(sent), Buffer.from(token))
      if (!ok) {
        render(ctx, 'message', { title: 'Please try again', message: 'This form expired or came from another site. Go back, reload the page and send it again.', tone: 'error' }, 403)
        return
      }
    }
    await next()
  }
}

/** What a refused form shows on the page it is sent back to: its words, the fields to keep, and the status. */
export interface FormAnswer {
  status: number
  data: Record<string, unknown>
}

/**
 * A refused form is answered with a redirect to its page (post/redirect/get), and the page shows the error carried in
 * a signed, HttpOnly cookie scoped to that page and read once. So Back or a reload shows the page instead of "Confirm
 * Form Resubmission", and never sends a password again (which would also count as one more try).
 */
export function formAnswers(config: Config) {
  const options = cookieOptions(config)
  return {
    /** Answers the form with a 303 to `page`, which shows `answer` once. */
    redirect(ctx: Context, page: string, answer: FormAnswer): void {
      const path = new URL(page, 'http://x').pathname
      ctx.cookies.set('tf_answer', Buffer.from(JSON.stringify(answer)).toString('base64url'), { ...options, path, maxAge: 60_000 })
      ctx.status = 303
      ctx.redirect(page)
    },
    /** The answer waiting for this page, if any; it is shown once. */
    take(ctx: Context): FormAnswer | undefined {
      const raw = ctx.cookies.get('tf_answer', { signed: true })
      if (!raw) return undefined
      ctx.cookies.set('tf_answer', '', { ...options, path: ctx.path, maxAge: 0 })
      try {
        const answer = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as Partial<FormAnswer>
        return typeof answer.status === 'number' && answer.data && typeof answer.data === 'object' ? { status: answer.status, data: answer.data } : undefined
      } catch {
        return undefined
      }
    },
  }
}
