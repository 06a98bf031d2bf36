// The statechart's I/O: restore, pairing, polling, sign-in, sign-out and the remote sign-out watcher, built on the account client.
import { fromCallback, fromPromise, type EventObject } from 'xstate'
import type { AccountClient, DeviceDescription, Failure } from '../account/client'
import { notices, PasswordRefused, type FlowEvent, type NetworkCheck, type Pairing, type Plan, type Restored, type Session } from './types'

/** Where the TV keeps its session and any revocation still owed to the service. */
export interface SessionStore {
  load(): Session | null
  save(session: Session): void
  wipe(): void
  pendingRevocations(): Session[]
  setPendingRevocations(list: Session[]): void
}

/**
 * A server stream: the remote sign-out stream (`signed-out`) or a pairing stream (`decided`). EventSource in the app,
 * a fake in unit tests.
 */
export type OpenStream = (
  url: string,
  on: { signedOut?(): void; decided?(): void; error(status: 'closed' | 'retrying'): void; open(): void },
) => () => void

export interface ActorDeps {
  client: AccountClient
  store: SessionStore
  device: () => DeviceDescription
  openStream: OpenStream
  /** Timers, injectable so unit tests can run polling without waiting. */
  setTimeout?: (fn: () => void, ms: number) => unknown
  clearTimeout?: (id: unknown) => void
  /**
   * Runs work that can wait until the app is idle (requestIdleCallback in the app); at once by default. Asking whose
   * account this is makes the page's first fetch, 27–49 ms of the main thread at 6× CPU, which a key press would wait for.
   */
  whenIdle?: (work: () => void) => void
}

const refreshMargin = 30_000
/** The first retry of a revocation the service did not get (then doubling, up to a minute). */
const REVOKE_RETRY_MS = 5_000
/** Sign-out waits this long at most for the service before Welcome shows; the revocation carries on behind it. */
export const SIGN_OUT_WAIT_MS = 3_000
/** How long after a signed-in launch the TV asks whose account it is, when it was paired without being told. */
export const IDENTIFY_AFTER_MS = 2_000

function failureError(f: Failure): Error {
  return new Error(f.message)
}

export function createActors(deps: ActorDeps) {
  const { client, store } = deps
  const later = deps.setTimeout ?? ((fn, ms) => setTimeout(fn, ms))
  const cancel = deps.clearTimeout ?? ((id) => clearTimeout(id as ReturnType<typeof setTimeout>))
  const whenIdle = deps.whenIdle ?? ((work) => work())

  /**
   * Revocations owed to the service (kept in the store across restarts) are sent one at a time; only a network failure
   * keeps one owed. One flush runs at a time, so a sign-out during a flush is neither lost nor sent twice.
   */
  let flushing: Promise<void> | undefined
  async function sendOwed(): Promise<void> {
    for (const owed of store.pendingRevocations()) {
      const r = await client.revoke(owed)
      if (r.ok || r.kind !== 'network') store.setPendingRevocations(store.pendingRevocations().filter((s) => s.refreshToken !== owed.refreshToken))
    }
  }
  function flushRevocations(): Promise<void> {
    // `finally` runs after the assignment, even when there is nothing to send.
    flushing ??= sendOwed().finally(() => (flushing = undefined))
    return flushing
  }

  /** While a revocation is owed, try again: 5 s, 10 s, 20 s … at most a minute apart, for as long as the app runs. */
  let retryTimer: unknown
  let retryMs = REVOKE_RETRY_MS
  function settleRevocations(): Promise<void> {
    return flushRevocations().then(() => {
      cancel(retryTimer)
      if (store.pendingRevocations().length === 0) {
        retryMs = REVOKE_RETRY_MS
        return
      }
      retryTimer = later(() => void settleRevocations(), retryMs)
      retryMs = Math.min(retryMs * 2, 60_000)
    })
  }

  /** A session the service must still be told to end: kept across a restart, and sent until it lands. */
  function owe(session: Session): Promise<void> {
    store.setPendingRevocations([...store.pendingRevocations(), session])
    return settleRevocations()
  }

  /** A usable access token: refreshed when it is about to expire; null when the service has signed this TV out. */
  async function ensureFresh(session: Session): Promise<Session | null | 'offline'> {
    if (!session.expiresAt || session.expiresAt - Date.now() > refreshMargin) return session
    const r = await client.refresh(session)
    if (r.ok) {
      store.save(r.value)
      return r.value
    }
    return r.kind === 'network' ? 'offline' : null
  }

  return {
    restoreSession: fromPromise<Restored>(async () => {
      void settleRevocations()
      const stored = store.load()
      if (!stored) return { session: null, notice: null }
      const fresh = await ensureFresh(stored)
      // Offline at launch: trust what we have, so a signed-in user is not thrown out by a bad connection.
      if (fresh === 'offline') return { session: stored, notice: null }
      if (fresh === null) {
        store.wipe()
        return { session: null, notice: notices.remoteSignOut }
      }
      // Home at once, without a round trip: watchSession asks the service as Home appears, and a session revoked while
      // the TV was off lands on Welcome with the reason moments later.
      return { session: fresh, notice: null }
    }),

    requestPairing: fromPromise<Pairing, { planId: string | null }>(async ({ input }) => {
      const r = await client.requestPairing(deps.device(), input.planId ?? undefined)
      if (!r.ok) throw failureError(r)
      return r.value
    }),

    pollPairing: fromCallback<EventObject, { pairing: Pairing }>(({ input, sendBack }) => {
      const send = (e: FlowEvent) => sendBack(e)
      let interval = input.pairing.interval
      let failures = 0
      let stopped = false
      let timer: unknown
      let inFlight = false
      const schedule = (seconds: number) => {
        cancel(timer)
        timer = later(() => void tick(), seconds * 1000)
      }
      let askAgain = false
      const tick = async () => {
        if (stopped) return
        if (inFlight) {
          // Told "decided" while a poll is on its way: that answer may predate the decision, so ask once more.
          askAgain = true
          return
        }
        inFlight = true
        const result = await client.pollPairing(input.pairing.deviceCode).finally(() => (inFlight = false))
        if (askAgain && result.kind === 'pending') {
          askAgain = false
          return void tick()
        }
        askAgain = false
        if (stopped) return
        switch (result.kind) {
          case 'approved':
            // Stop at once: polling again after success would make the service revoke these tokens.
            stopped = true
            send({ type: 'pairing.approved', session: result.session })
            return
          case 'pending':
            if (failures > 0) send({ type: 'pairing.connected' })
            failures = 0
            return schedule(interval)
          case 'slowDown':
            interval += 5
            return schedule(interval)
          case 'network': {
            failures++
            // A code that ran out while the service was away is replaced, not shown on: ask for a new one (the TV
            // says so, and offers Try Again while the service is still away). Until then, wait no longer than it lasts.
            const left = Math.ceil((input.pairing.expiresAt - Date.now()) / 1000)
            if (left <= 0) return send({ type: 'pairing.expired' })
            send({ type: 'pairing.reconnecting' })
            return schedule(Math.min(interval * 2 ** failures, 60, left))
          }
          case 'denied':
            return send({ type: 'pairing.denied' })
          case 'expired':
            return send({ type: 'pairing.expired' })
          case 'failed':
            return send({ type: 'pairing.failed', message: result.message })
        }
      }
      schedule(interval)
      // The service says the moment the phone decides, so the TV asks once at once instead of at its next poll.
      // Without the stream (an old engine, a proxy that buffers it) the polling above still gets there.
      const closeStream = deps.openStream(client.pairingEventsUrl(input.pairing.deviceCode), {
        open: () => undefined,
        decided: () => void tick(),
        error: () => undefined,
      })
      return () => {
        stopped = true
        cancel(timer)
        closeStream()
      }
    }),

    signIn: fromPromise<Session, { email: string; password: string }>(async ({ input, signal }) => {
      const r = await client.signIn(input.email, input.password, deps.device())
      // Left with Back before the answer came: a sign-in that went through anyway is revoked, not left on the account.
      if (signal.aborted && r.ok) void owe(r.value)
      // Use Remote does not try again by itself: say how to.
      if (!r.ok && r.kind === 'network') throw new Error('Tenfoot can’t reach its servers. Check your network, then choose Done to try again.')
      if (!r.ok && r.kind === 'refused' && r.status === 401) throw new PasswordRefused(r.message)
      // Paused after too many tries: say the other way in, where a phone's saved password makes a typo less likely.
      if (!r.ok && r.kind === 'refused' && r.status === 429) throw new Error(`${r.message} You can also go back and choose Use Phone.`)
      if (!r.ok) throw failureError(r)
      return { ...r.value, account: input.email }
    }),

    loadPlans: fromPromise<Plan[]>(async () => {
      const r = await client.plans()
      if (!r.ok) throw failureError(r)
      // Nothing to choose from is a failure to show (and retry), not an empty screen without focus.
      if (r.value.length === 0) throw new Error('No plans are available right now.')
      return r.value
    }),

    checkService: fromPromise<NetworkCheck>(async () => {
      if (typeof navigator !== 'undefined' && navigator.onLine === false) return { result: 'offline' }
      const started = Date.now()
      const r = await client.health()
      return r.ok ? { result: 'reached', ms: Date.now() - started } : { result: 'unreachable' }
    }),

    signOut: fromPromise<void, { session: Session | null }>(async ({ input }) => {
      store.wipe()
      if (!input.session) return
      // Retried while the app runs (a TV left on Welcome too), not only at the next launch.
      await Promise.race([owe(input.session), new Promise((done) => later(() => done(undefined), SIGN_OUT_WAIT_MS))])
    }),

    watchSession: fromCallback<EventObject, { session: Session }>(({ input, sendBack }) => {
      const send = (e: FlowEvent) => sendBack(e)
      let session = input.session
      let close: (() => void) | null = null
      let timer: unknown
      let stopped = false
      let failures = 0
      let everOpened = false
      let identifyTimer: unknown

      const connect = () => {
        if (stopped) return
        close = deps.openStream(client.eventsUrl(session), {
          open: () => {
            failures = 0
            everOpened = true
          },
          signedOut: () => send({ type: 'session.revoked' }),
          error: (status) => {
            if (status === 'retrying') return
            // The stream was refused or dropped for good: check why, then reconnect with backoff.
            close?.()
            close = null
            failures++
            // Refused before it ever opened (a session revoked while the TV was off): ask why at once.
            const wait = !everOpened && failures === 1 ? 0 : Math.min(1000 * 2 ** failures, 30_000)
            timer = later(() => void recheck(), wait)
          },
        })
      }

      const recheck = async () => {
        if (stopped) return
        const check = await client.whoAmI(session)
        if (stopped) return
        if (!check.ok && check.kind === 'refused' && check.status === 401) {
          const r = await client.refresh(session)
          if (stopped) return
          if (r.ok) {
            session = r.value
            send({ type: 'session.refreshed', session })
          } else if (r.kind === 'refused') {
            return send({ type: 'session.revoked' })
          }
        }
        connect()
      }

      /** A TV paired by phone has not been told whose account it is: ask once, for Get Help and the sign-out question. */
      const identify = async () => {
        if (stopped || session.account) return
        const who = await client.whoAmI(session)
        if (stopped || !who.ok || !who.value.account?.email) return
        session = { ...session, account: who.value.account.email }
        send({ type: 'session.refreshed', session })
      }

      void ensureFresh(session).then((fresh) => {
        if (stopped) return
        if (fresh === null) return send({ type: 'session.revoked' })
        if (fresh !== 'offline' && fresh !== session) {
          session = fresh
          send({ type: 'session.refreshed', session })
        }
        connect()
        // After Home's first frames, not among them, and when no key is being handled: nothing on Home shows the account.
        if (fresh !== 'offline') identifyTimer = later(() => whenIdle(() => void identify()), IDENTIFY_AFTER_MS)
      })

      return () => {
        stopped = true
        cancel(timer)
        cancel(identifyTimer)
        close?.()
      }
    }),
  }
}
