// The phone and web pages: /tv/<code> (the QR), sign-in and sign-up inside the TV's sign-in, and Account → Manage Access and Devices.
import Router from '@koa/router'
import type { Context } from 'koa'
import type Provider from 'oidc-provider'
import { authenticate, createAccount, SignUpError } from './accounts'
import type { Config } from './config'
import type { Store } from './db'
import { findOwnDevice, listDevices, recordWeb, signOut, WEB_SESSION_COOKIE, webSession } from './devices'
import type { SignOutBus } from './events'
import { cookieOptions, favicon, formAnswers } from './http'
import { passwordBlockedFor, recordWrongPassword, waitWords, type Limits } from './limits'
import { render, renderSignInEnded } from './pages/render'
import { findPlan, PLAN_COOKIE, planChosenOnTv, plans } from './plans'
import { browserSession } from './provider'

interface WebDeps {
  config: Config
  store: Store
  bus: SignOutBus
  limits: Limits
  provider: Provider
}

type Form = Record<string, string | undefined>
const form = (ctx: Context): Form => {
  const body = (ctx.request as unknown as { body?: unknown }).body
  if (!body || typeof body !== 'object') return {}
  // Only plain strings count: repeated fields or nested objects are ignored rather than trusted.
  return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]))
}

/** What a refused form keeps for the next try: what was typed, never the password, and no more than the fields hold. */
const kept = (f: Form) => ({ email: f.email?.slice(0, 254), name: f.name?.slice(0, 100), planId: f.plan?.slice(0, 40) })

/** The plan a sign-up form chose: one of ours, or a clear error (the form requires one; a made-up id is refused). */
function chosenPlan(f: Form): string {
  const plan = findPlan(f.plan)
  if (!plan) throw new SignUpError('Choose one of the plans.')
  return plan.id
}

export function webRoutes({ config, store, bus, limits, provider }: WebDeps): Router {
  const router = new Router()
  const cookie = cookieOptions(config)
  const answers = formAnswers(config)

  router.get('/', (ctx) => ctx.redirect('/tv'))
  router.get('/favicon.ico', favicon)

  const forgetPlan = (ctx: Context) => ctx.cookies.set(PLAN_COOKIE, '', { ...cookie, maxAge: 0 })
  /**
   * A plan chosen on the TV lasts for the sign-in it started: a code opened or typed without one forgets it, so a later
   * sign-in on the same phone is not sent to sign-up with an old plan.
   */
  const rememberPlan = (ctx: Context) => {
    const plan = findPlan(ctx.query.plan)
    if (plan) ctx.cookies.set(PLAN_COOKIE, plan.id, { ...cookie, maxAge: 30 * 60 * 1000 })
    else if (ctx.cookies.get(PLAN_COOKIE)) forgetPlan(ctx)
  }

  router.get('/tv', (ctx, next) => {
    rememberPlan(ctx)
    return next()
  })

  // The QR lands here: the code page with the code filled in (and a chosen plan remembered for sign-up).
  // Only digits: oidc-provider resumes its own flow at /tv/<uid>, which must pass through untouched.
  router.get('/tv/:code', async (ctx, next) => {
    if (!/^\d{4,12}$/.test(ctx.params.code ?? '')) return next()
    rememberPlan(ctx)
    ctx.state.prefillCode = ctx.params.code?.replace(/\D/g, '').slice(0, 12)
    ctx.path = '/tv'
    await next()
  })

  /**
   * This browser's sign-in for TVs (oidc-provider's session, which lets a phone confirm the next TV without a password)
   * ends, when it belongs to `accountId` if one is given. Signing out of this browser or of every device ends it too.
   */
  async function endTvSignInHere(ctx: Context, accountId?: string) {
    const session = await browserSession(provider, ctx)
    if (session && (!accountId || session.accountId === accountId)) await session.destroy()
  }

  // "Not you?" on the confirm page: the same code again, now asking for an email and password.
  router.post('/tv/another-account', async (ctx) => {
    await endTvSignInHere(ctx)
    const code = (form(ctx).user_code ?? '').replace(/\D/g, '').slice(0, 12)
    ctx.status = 303
    ctx.redirect(code.length >= 4 ? `/tv/${code}` : '/tv')
  })

  /** Password checks are limited per address and per account; a blocked try costs no scrypt and says when to come back. */
  async function checkPassword(ctx: Context, email: string, password: string): Promise<{ accountId?: string; error?: string; status?: number }> {
    const wait = await passwordBlockedFor(limits, ctx.ip, email)
    if (wait > 0) return { error: `Too many tries. To keep your account safe, wait ${waitWords(wait)} and try again.`, status: 429 }
    const account = await authenticate(store.db, email, password)
    if (account) return { accountId: account.id }
    await recordWrongPassword(limits, ctx.ip, email)
    return { error: 'That email and password don’t match. Check them and try again.', status: 401 }
  }

  // A sign-in page whose TV sign-in is gone (finished already, sent again with Back, opened in another browser, or
  // expired): say so and how to go on, instead of oidc-provider's bare "invalid_request".
  router.use('/interaction/:uid', async (ctx, next) => {
    try {
      await next()
    } catch (err) {
      if ((err as { name?: string }).name !== 'SessionNotFound') throw err
      renderSignInEnded(ctx)
    }
  })

  /** The TV's sign-in page with the email and password form, even where sign-up or Continue as would come first. */
  const tvSignInPage = (uid: string) => `/interaction/${uid}?signin=1`
  /** The TV's sign-up page, whatever this phone is signed in to. */
  const tvSignUpPage = (uid: string) => `/interaction/${uid}?signup=1`
  /** The phone's part is done: oidc-provider goes on with the TV's sign-in as `accountId`. */
  const finishTvSignIn = async (ctx: Context, accountId: string) => {
    ctx.status = 303
    ctx.redirect(await provider.interactionResult(ctx.req, ctx.res, { login: { accountId } }, { mergeWithLastSubmission: false }))
  }

  // Sign-in inside the TV's device flow (oidc-provider's interaction): sign-up first when a plan was chosen on the TV
  // (unless this phone is signed in, for TVs or on the web), and each form links to the other. Each page is made in one
  // place; a refused form comes back to it with its error.
  const tvSignUp = (ctx: Context, uid: string, data: Record<string, unknown>, status?: number) =>
    render(ctx, 'signup', { title: 'Create your account', action: `/interaction/${uid}/signup`, plans, signinHref: tvSignInPage(uid), ...data }, status)
  const tvSignIn = (ctx: Context, uid: string, data: Record<string, unknown> = {}, status?: number) =>
    render(ctx, 'login', { title: 'Sign in', action: `/interaction/${uid}/login`, heading: 'Sign in to watch on your TV', signupHref: tvSignUpPage(uid), ...data }, status)

  router.get('/interaction/:uid', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res)
    const answer = answers.take(ctx)
    const plan = planChosenOnTv(ctx.cookies)
    // Signed in to the account on this phone's web pages: that account, one press, no password (or another account).
    // Such a phone has an account, so a plan chosen on the TV does not lead to sign-up, as for a phone signed in for TVs.
    const signInForm = ctx.query.signin === '1'
    const signUpForm = !signInForm && ctx.query.signup === '1'
    const web = signInForm || signUpForm || answer ? null : await signedInHere(ctx)
    if (signUpForm || (!signInForm && plan && !web)) return tvSignUp(ctx, details.uid, { planId: plan?.id, ...answer?.data }, answer?.status)
    if (web) return render(ctx, 'continue', { title: 'Sign in', email: web.account.email, action: `/interaction/${details.uid}/continue`, signinHref: tvSignInPage(details.uid) })
    tvSignIn(ctx, details.uid, answer?.data, answer?.status)
  })

  router.post('/interaction/:uid/continue', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res)
    const web = await signedInHere(ctx)
    // Signed out on the web meanwhile (here, or by Sign Out of All Devices): the password, then.
    if (!web) return answers.redirect(ctx, tvSignInPage(details.uid), { status: 401, data: { error: 'You were signed out on this phone. Sign in to continue.' } })
    await finishTvSignIn(ctx, web.account.id)
  })

  router.post('/interaction/:uid/login', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res)
    const f = form(ctx)
    const result = await checkPassword(ctx, f.email ?? '', f.password ?? '')
    if (!result.accountId) return answers.redirect(ctx, tvSignInPage(details.uid), { status: result.status ?? 401, data: { error: result.error, email: kept(f).email } })
    await finishTvSignIn(ctx, result.accountId)
  })

  router.post('/interaction/:uid/signup', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res)
    const f = form(ctx)
    try {
      const account = await createAccount(store.db, { email: f.email ?? '', password: f.password ?? '', name: f.name, planId: chosenPlan(f) })
      forgetPlan(ctx)
      await finishTvSignIn(ctx, account.id)
    } catch (e) {
      if (!(e instanceof SignUpError)) throw e
      answers.redirect(ctx, tvSignUpPage(details.uid), { status: 400, data: { ...kept(f), error: e.message, emailTaken: e.emailTaken } })
    }
  })

  // The web account: its own signed-in browser session, which is a device in the list too.
  const signedInHere = (ctx: Context) => webSession(store.db, ctx.cookies)

  async function startWebSession(ctx: Context, accountId: string) {
    const id = await recordWeb(store.db, { accountId, ip: ctx.ip, userAgent: ctx.get('user-agent') })
    ctx.cookies.set(WEB_SESSION_COOKIE, id, { ...cookie, maxAge: 30 * 24 * 3600 * 1000 })
  }

  // Where to go after signing in: only ever a page of our own account section, with at most a notice of its own.
  const nextPage = (ctx: Context) => (typeof ctx.query.next === 'string' && /^\/account(\/[a-z-]*)*(\?done=[a-z]+)?$/.test(ctx.query.next) ? ctx.query.next : '/account')
  const signInAction = (ctx: Context) => `/account/sign-in?next=${encodeURIComponent(nextPage(ctx))}`

  router.get('/account/sign-in', (ctx) => {
    const answer = answers.take(ctx)
    const notices: Record<string, string> = { ended: 'Your session has ended. Sign in again to continue.', out: 'You signed out of this browser.' }
    const notice = notices[ctx.query.ended === '1' ? 'ended' : ctx.query.out === '1' ? 'out' : '']
    render(ctx, 'login', { title: 'Sign in', action: signInAction(ctx), signupHref: '/signup', notice, ...answer?.data }, answer?.status)
  })
  router.post('/account/sign-in', async (ctx) => {
    const f = form(ctx)
    const result = await checkPassword(ctx, f.email ?? '', f.password ?? '')
    if (!result.accountId) return answers.redirect(ctx, signInAction(ctx), { status: result.status ?? 401, data: { error: result.error, email: kept(f).email } })
    await startWebSession(ctx, result.accountId)
    ctx.status = 303
    ctx.redirect(nextPage(ctx))
  })

  router.get('/signup', (ctx) => {
    const answer = answers.take(ctx)
    render(ctx, 'signup', { title: 'Create your account', action: '/signup', plans, planId: findPlan(ctx.query.plan)?.id, signinHref: '/account/sign-in', ...answer?.data }, answer?.status)
  })
  router.post('/signup', async (ctx) => {
    const f = form(ctx)
    try {
      const account = await createAccount(store.db, { email: f.email ?? '', password: f.password ?? '', name: f.name, planId: chosenPlan(f) })
      await startWebSession(ctx, account.id)
      ctx.status = 303
      ctx.redirect('/account')
    } catch (e) {
      if (!(e instanceof SignUpError)) throw e
      answers.redirect(ctx, '/signup', { status: 400, data: { ...kept(f), error: e.message, emailTaken: e.emailTaken } })
    }
  })

  // Without a live session, sign-in comes first and says why when a session has ended. A page comes back after it; a
  // form (each signs devices out) is never done on its own after signing in: the devices page says it was not done.
  const signedIn = (handler: (ctx: Context, s: NonNullable<Awaited<ReturnType<typeof signedInHere>>>) => Promise<void> | void) => async (ctx: Context) => {
    const session = await signedInHere(ctx)
    if (!session) {
      const isForm = ctx.method !== 'GET'
      const next = isForm ? '/account/devices?done=expired' : ctx.path
      const ended = isForm || !!ctx.cookies.get(WEB_SESSION_COOKIE, { signed: true })
      ctx.status = 303
      return ctx.redirect(`/account/sign-in?next=${encodeURIComponent(next)}${ended ? '&ended=1' : ''}`)
    }
    await handler(ctx, session)
  }

  router.get('/account', signedIn((ctx, { account }) => render(ctx, 'account', { title: 'Account', account, plan: findPlan(account.plan_id) })))
  router.get('/account/security', signedIn((ctx) => render(ctx, 'security', { title: 'Security and Privacy' })))
  router.get('/account/devices', signedIn(async (ctx, { account, device }) => {
    // The device is named from this account's own list, so a link cannot make the page claim anything else.
    const gone = ctx.query.done === 'one' && typeof ctx.query.device === 'string' ? await findOwnDevice(store.db, account.id, ctx.query.device.slice(0, 100)) : undefined
    const notices: Record<string, string> = {
      one: `${gone?.name ?? 'That device'} was signed out.`,
      all: 'All devices were signed out.',
      expired: 'Your session had ended, so nothing was signed out. You can do it now.',
    }
    render(ctx, 'devices', { title: 'Manage Access and Devices', devices: await listDevices(store.db, account.id), currentId: device.id, notice: notices[String(ctx.query.done)] })
  }))
  router.post('/account/devices/sign-out-all', signedIn(async (ctx, { account }) => {
    // It ends every TV's session at once, so the button only asks; the question's own form (confirm=yes) does it.
    // A page, not a script's dialog: it works without JavaScript, and Cancel is a plain link back to the list.
    if (form(ctx).confirm !== 'yes') return render(ctx, 'signOutAll', { title: 'Sign Out of All Devices', count: (await listDevices(store.db, account.id)).length })
    await signOut(store, bus, account.id, 'all')
    // This browser was one of them. The answer is a page of its own, so a reload or Back does not send the form again.
    ctx.cookies.set(WEB_SESSION_COOKIE, '', { ...cookie, maxAge: 0 })
    ctx.status = 303
    ctx.redirect('/account/signed-out')
  }))
  router.get('/account/signed-out', (ctx) =>
    render(ctx, 'message', { title: 'Signed out everywhere', message: 'Every TV and browser signed in to your account has been signed out, this one too.', tone: 'notice', next: { href: '/account/sign-in', label: 'Sign In Again' } }),
  )
  router.post('/account/devices/:id/sign-out', signedIn(async (ctx, { account, device }) => {
    const count = await signOut(store, bus, account.id, [ctx.params.id ?? ''])
    if (count === 0) return render(ctx, 'message', { title: 'Already signed out', message: 'That device is no longer signed in.', next: { href: '/account/devices', label: 'Back to devices' } }, 404)
    if (ctx.params.id === device.id) {
      await endTvSignInHere(ctx, account.id)
      ctx.cookies.set(WEB_SESSION_COOKIE, '', { ...cookie, maxAge: 0 })
      ctx.status = 303
      return ctx.redirect('/account/sign-in?out=1')
    }
    ctx.status = 303
    ctx.redirect(`/account/devices?done=one&device=${encodeURIComponent(ctx.params.id ?? '')}`)
  }))
  // A session that has already ended is signed out already: the same sign-in page, not a sign-in that leads nowhere.
  router.post('/account/sign-out', async (ctx) => {
    const session = await signedInHere(ctx)
    if (session) await signOut(store, bus, session.account.id, [session.device.id])
    await endTvSignInHere(ctx, session?.account.id)
    ctx.cookies.set(WEB_SESSION_COOKIE, '', { ...cookie, maxAge: 0 })
    ctx.status = 303
    ctx.redirect('/account/sign-in?out=1')
  })

  return router
}
