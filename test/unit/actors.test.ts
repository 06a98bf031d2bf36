// The statechart's I/O actors on their own, with a scripted account client and fake timers.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { createActor, createMachine, type AnyActorLogic } from 'xstate'
import type { AccountClient, PollResult, Result } from '../../src/account/client'
import { createActors, IDENTIFY_AFTER_MS, SIGN_OUT_WAIT_MS, type OpenStream, type SessionStore } from '../../src/flow/actors'
import { notices, PasswordRefused, type FlowEvent, type Pairing, type Session } from '../../src/flow/types'

const pairing: Pairing = { deviceCode: 'dc', userCode: '12345678', verificationUri: 'u', verificationUriComplete: 'u/1', expiresAt: 0, interval: 5 }
const session: Session = { accessToken: 'a1', refreshToken: 'r1' }
const offline = { ok: false as const, kind: 'network' as const, message: 'offline' }
const refused = (status: number, error: string) => ({ ok: false as const, kind: 'refused' as const, status, error, message: error })

function memoryStore(initial: Session | null = null): SessionStore & { saved: Session | null; owed: Session[] } {
  const s = {
    saved: initial,
    owed: [] as Session[],
    load: () => s.saved,
    save: (x: Session) => void (s.saved = x),
    wipe: () => void (s.saved = null),
    pendingRevocations: () => s.owed,
    setPendingRevocations: (l: Session[]) => void (s.owed = l),
  }
  return s
}

/** A client that answers from a script and records what it was asked and when. */
function scriptedClient(script: Partial<Record<keyof AccountClient, unknown[]>>) {
  const calls: Array<{ method: string; at: number }> = []
  const next = (method: keyof AccountClient) => async () => {
    calls.push({ method, at: Date.now() })
    const queue = script[method] ?? []
    return queue.length > 1 ? queue.shift() : queue[0]
  }
  const client = {
    pollPairing: next('pollPairing'),
    refresh: next('refresh'),
    revoke: next('revoke'),
    whoAmI: next('whoAmI'),
    requestPairing: next('requestPairing'),
    signIn: next('signIn'),
    plans: next('plans'),
    health: next('health'),
    eventsUrl: () => 'http://svc/api/session/events',
    pairingEventsUrl: () => 'http://svc/api/pairing/events',
  } as unknown as AccountClient
  return { client, calls }
}

/** Runs a callback actor under a parent that records every event it sends back. */
function runCallback(logic: AnyActorLogic, input: unknown) {
  const events: FlowEvent[] = []
  const parent = createMachine({
    invoke: { src: logic, input },
    on: { '*': { actions: ({ event }) => void events.push(event as FlowEvent) } },
  })
  const actor = createActor(parent).start()
  return { events, stop: () => actor.stop() }
}

const noStream: OpenStream = () => () => undefined

beforeEach(() => {
  vi.useFakeTimers()
  vi.setSystemTime(0)
})
afterEach(() => vi.useRealTimers())

describe('polling for the phone’s answer', () => {
  it('When the service asks for 5 s and later says slow_down, then the TV polls every 5 s, then every 10 s', async () => {
    const poll: PollResult[] = [{ kind: 'pending' }, { kind: 'slowDown' }, { kind: 'pending' }, { kind: 'pending' }]
    const { client, calls } = scriptedClient({ pollPairing: poll })
    const run = runCallback(createActors({ client, store: memoryStore(), device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream: noStream }).pollPairing, { pairing })
    await vi.advanceTimersByTimeAsync(40_000)
    const times = calls.map((c) => c.at)
    expect(times.slice(0, 5)).toEqual([5_000, 10_000, 20_000, 30_000, 40_000])
    run.stop()
  })

  it('When the token arrives, then polling stops at once, because polling again would revoke it', async () => {
    const { client, calls } = scriptedClient({ pollPairing: [{ kind: 'pending' }, { kind: 'approved', session }, { kind: 'pending' }] })
    const run = runCallback(createActors({ client, store: memoryStore(), device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream: noStream }).pollPairing, { pairing })
    await vi.advanceTimersByTimeAsync(120_000)
    expect(calls).toHaveLength(2)
    expect(run.events).toContainEqual({ type: 'pairing.approved', session })
    run.stop()
  })

  it('When the network fails, then the TV says it is reconnecting, backs off exponentially, and says so when it is back', async () => {
    const { client, calls } = scriptedClient({ pollPairing: [{ kind: 'network' }, { kind: 'network' }, { kind: 'pending' }, { kind: 'denied' }] })
    const run = runCallback(createActors({ client, store: memoryStore(), device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream: noStream }).pollPairing, { pairing: { ...pairing, expiresAt: 600_000 } })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls.map((c) => c.at)).toEqual([5_000, 15_000, 35_000, 40_000])
    expect(run.events.map((e) => e.type)).toEqual(['pairing.reconnecting', 'pairing.reconnecting', 'pairing.connected', 'pairing.denied'])
    run.stop()
  })

  it('When the service is away until the code runs out, then the TV asks for a new code when it runs out, not up to a minute later', async () => {
    const { client, calls } = scriptedClient({ pollPairing: [{ kind: 'network' }] })
    const run = runCallback(createActors({ client, store: memoryStore(), device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream: noStream }).pollPairing, { pairing: { ...pairing, expiresAt: 30_000 } })
    await vi.advanceTimersByTimeAsync(30_000)
    // 5 s, then 10 s later, then not 20 s later but when the code ends.
    expect(calls.map((c) => c.at)).toEqual([5_000, 15_000, 30_000])
    expect(run.events.map((e) => e.type)).toEqual(['pairing.reconnecting', 'pairing.reconnecting', 'pairing.expired'])
    run.stop()
  })

  it('When the pairing stream says the phone decided, then the TV asks at once instead of at its next poll, and only once', async () => {
    let handlers: Parameters<OpenStream>[1] | undefined
    const opened: string[] = []
    const openStream: OpenStream = (url, on) => ((handlers = on), opened.push(url), () => undefined)
    const { client, calls } = scriptedClient({ pollPairing: [{ kind: 'pending' }, { kind: 'approved', session }] })
    const run = runCallback(createActors({ client, store: memoryStore(), device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream }).pollPairing, { pairing })
    await vi.advanceTimersByTimeAsync(6_200) // one ordinary poll at 5 s
    handlers?.decided?.()
    await vi.advanceTimersByTimeAsync(0)
    expect(opened).toEqual(['http://svc/api/pairing/events'])
    expect(calls.map((c) => c.at)).toEqual([5_000, 6_200])
    expect(run.events).toContainEqual({ type: 'pairing.approved', session })
    await vi.advanceTimersByTimeAsync(30_000)
    expect(calls).toHaveLength(2)
    run.stop()
  })

  it('When the screen is left, then the invoked poller stops and makes no more requests', async () => {
    const { client, calls } = scriptedClient({ pollPairing: [{ kind: 'pending' }] })
    const run = runCallback(createActors({ client, store: memoryStore(), device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream: noStream }).pollPairing, { pairing })
    await vi.advanceTimersByTimeAsync(11_000)
    run.stop()
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls).toHaveLength(2)
  })
})

describe('session at launch and sign-out', () => {
  const device = () => ({ name: 'TV', platform: 'p', model: 'm' })

  it('When the TV signs out while offline, then the session is wiped at once and the revoke is retried at the next launch', async () => {
    const store = memoryStore(session)
    const first = scriptedClient({ revoke: [offline] })
    const actors = createActors({ client: first.client, store, device, openStream: noStream })
    const done = createActor(actors.signOut, { input: { session } }).start()
    await vi.advanceTimersByTimeAsync(0)
    expect(done.getSnapshot().status).toBe('done')
    expect(store.saved).toBeNull()
    expect(store.owed).toEqual([session])

    const later = scriptedClient({ revoke: [{ ok: true, value: {} } satisfies Result<unknown>] })
    const restore = createActor(createActors({ client: later.client, store, device, openStream: noStream }).restoreSession).start()
    await vi.advanceTimersByTimeAsync(0)
    expect(restore.getSnapshot().output).toEqual({ session: null, notice: null })
    expect(later.calls.map((c) => c.method)).toEqual(['revoke'])
    expect(store.owed).toEqual([])
  })

  it('When the service hangs at sign-out, then Welcome comes within 3 s, and the revoke owed is sent by itself once the service answers, without a relaunch', async () => {
    const store = memoryStore(session)
    const sent: number[] = []
    let answer: (r: Result<unknown>) => void = () => undefined
    const script: Array<() => Promise<Result<unknown>>> = [
      () => new Promise((r) => (answer = r)), // hangs until the client's own timeout: a network failure
      async () => ({ ok: true, value: {} }),
    ]
    const client = { revoke: async () => (sent.push(Date.now()), script.shift()!()) } as unknown as AccountClient
    const actors = createActors({ client, store, device, openStream: noStream })
    // Launch first, with nothing owed: the check it makes must not stop later sign-outs from being sent.
    createActor(actors.restoreSession).start()
    await vi.advanceTimersByTimeAsync(0)
    const done = createActor(actors.signOut, { input: { session } }).start()
    await vi.advanceTimersByTimeAsync(SIGN_OUT_WAIT_MS)
    expect(done.getSnapshot().status).toBe('done')
    expect(store.saved).toBeNull()
    expect(store.owed).toEqual([session])
    answer(offline)
    await vi.advanceTimersByTimeAsync(5_000)
    expect(sent).toEqual([0, SIGN_OUT_WAIT_MS + 5_000])
    expect(store.owed).toEqual([])
    // Nothing owed: no more requests.
    await vi.advanceTimersByTimeAsync(120_000)
    expect(sent).toHaveLength(2)
  })

  it('When a stored session is still fresh, then launch goes straight to Home without waiting on the network', async () => {
    const store = memoryStore(session)
    const { client, calls } = scriptedClient({})
    const restore = createActor(createActors({ client, store, device, openStream: noStream }).restoreSession).start()
    await vi.advanceTimersByTimeAsync(0)
    expect(restore.getSnapshot().output).toEqual({ session, notice: null })
    expect(calls).toEqual([])
  })

  it('When the refresh token was revoked while the TV was off, then launch shows Welcome with the reason', async () => {
    const store = memoryStore({ ...session, expiresAt: 1 })
    const { client } = scriptedClient({ refresh: [refused(400, 'invalid_grant')] })
    const restore = createActor(createActors({ client, store, device, openStream: noStream }).restoreSession).start()
    await vi.advanceTimersByTimeAsync(0)
    expect(restore.getSnapshot().output).toEqual({ session: null, notice: notices.remoteSignOut })
    expect(store.saved).toBeNull()
  })

  it('When the service cannot be reached at launch to refresh, then the stored session is kept', async () => {
    const expired = { ...session, expiresAt: 1 }
    const store = memoryStore(expired)
    const { client } = scriptedClient({ refresh: [offline] })
    const restore = createActor(createActors({ client, store, device, openStream: noStream }).restoreSession).start()
    await vi.advanceTimersByTimeAsync(0)
    expect(restore.getSnapshot().output).toEqual({ session: expired, notice: null })
    expect(store.saved).toEqual(expired)
  })

  it('When the access token has expired, then launch refreshes it quietly and keeps the user signed in', async () => {
    const expired = { ...session, expiresAt: 1 }
    const fresh = { accessToken: 'a2', refreshToken: 'r2', expiresAt: 3_600_000 }
    const store = memoryStore(expired)
    const { client, calls } = scriptedClient({ refresh: [{ ok: true, value: fresh }] })
    const restore = createActor(createActors({ client, store, device, openStream: noStream }).restoreSession).start()
    await vi.advanceTimersByTimeAsync(0)
    expect(restore.getSnapshot().output).toEqual({ session: fresh, notice: null })
    expect(store.saved).toEqual(fresh)
    expect(calls.map((c) => c.method)).toEqual(['refresh'])
  })
})

describe('watching for a sign-out made elsewhere', () => {
  const device = () => ({ name: 'TV', platform: 'p', model: 'm' })

  it('When the TV was paired without being told whose account it is, then once Home has shown it asks, once, and keeps the email', async () => {
    const { client, calls } = scriptedClient({ whoAmI: [{ ok: true, value: { account: { email: 'kim@example.com' }, device: {} } }] })
    const run = runCallback(createActors({ client, store: memoryStore(session), device, openStream: noStream }).watchSession, { session })
    await vi.advanceTimersByTimeAsync(IDENTIFY_AFTER_MS - 1)
    expect(calls.filter((c) => c.method === 'whoAmI')).toEqual([])
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls.filter((c) => c.method === 'whoAmI')).toHaveLength(1)
    expect(run.events).toEqual([{ type: 'session.refreshed', session: { ...session, account: 'kim@example.com' } }])
    run.stop()
    // Known already (typed on Use Remote, or learnt before): not asked again.
    const again = scriptedClient({})
    const known = runCallback(createActors({ client: again.client, store: memoryStore(session), device, openStream: noStream }).watchSession, { session: { ...session, account: 'kim@example.com' } })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(again.calls).toEqual([])
    known.stop()
  })

  it('When the TV is busy, then it asks whose account it is only once it is idle, and not at all if signed out first', async () => {
    const idle: (() => void)[] = []
    const whenIdle = (work: () => void) => void idle.push(work)
    const answer = { ok: true as const, value: { account: { email: 'kim@example.com' }, device: {} } }
    const { client, calls } = scriptedClient({ whoAmI: [answer] })
    const run = runCallback(createActors({ client, store: memoryStore(session), device, openStream: noStream, whenIdle }).watchSession, { session })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(calls.filter((c) => c.method === 'whoAmI')).toEqual([])
    expect(idle).toHaveLength(1)
    idle.shift()?.()
    await vi.advanceTimersByTimeAsync(0)
    expect(run.events).toEqual([{ type: 'session.refreshed', session: { ...session, account: 'kim@example.com' } }])
    run.stop()
    // Signed out (the watcher stopped) while the ask waited for idle time: nothing is asked for a session that is gone.
    const later = scriptedClient({ whoAmI: [answer] })
    const stopped = runCallback(createActors({ client: later.client, store: memoryStore(session), device, openStream: noStream, whenIdle }).watchSession, { session })
    await vi.advanceTimersByTimeAsync(IDENTIFY_AFTER_MS)
    expect(idle).toHaveLength(1)
    stopped.stop()
    idle.shift()?.()
    await vi.advanceTimersByTimeAsync(0)
    expect(later.calls).toEqual([])
  })

  it('When the stream says signed-out, then the TV is told at once', async () => {
    let handlers: Parameters<OpenStream>[1] | undefined
    const openStream: OpenStream = (_url, on) => ((handlers = on), () => undefined)
    const { client } = scriptedClient({})
    const run = runCallback(createActors({ client, store: memoryStore(session), device, openStream }).watchSession, { session })
    await vi.advanceTimersByTimeAsync(0)
    handlers?.signedOut?.()
    expect(run.events).toEqual([{ type: 'session.revoked' }])
    run.stop()
  })

  it('When the stream is refused because the access token expired, then the TV refreshes quietly and reconnects', async () => {
    const opened: string[] = []
    let handlers: Parameters<OpenStream>[1] | undefined
    const openStream: OpenStream = (url, on) => (opened.push(url), (handlers = on), () => undefined)
    const fresh = { accessToken: 'a2', refreshToken: 'r2' }
    const { client } = scriptedClient({ whoAmI: [refused(401, 'invalid_token')], refresh: [{ ok: true, value: fresh }] })
    const run = runCallback(createActors({ client, store: memoryStore(session), device, openStream }).watchSession, { session })
    await vi.advanceTimersByTimeAsync(0)
    handlers?.error('closed')
    await vi.advanceTimersByTimeAsync(2_000)
    expect(run.events).toEqual([{ type: 'session.refreshed', session: fresh }])
    expect(opened).toHaveLength(2)
    run.stop()
  })

  it('When the stream is refused at launch because the session was revoked while the TV was off, then the TV signs out at once', async () => {
    let handlers: Parameters<OpenStream>[1] | undefined
    const openStream: OpenStream = (_url, on) => ((handlers = on), () => undefined)
    const { client } = scriptedClient({ whoAmI: [refused(401, 'invalid_token')], refresh: [refused(400, 'invalid_grant')] })
    const run = runCallback(createActors({ client, store: memoryStore(session), device, openStream }).watchSession, { session })
    await vi.advanceTimersByTimeAsync(0)
    handlers?.error('closed')
    await vi.advanceTimersByTimeAsync(0)
    expect(run.events).toEqual([{ type: 'session.revoked' }])
    run.stop()
  })

  it('When a stream that was open drops, then the TV waits before asking again (backoff), so a flapping network is not hammered', async () => {
    let handlers: Parameters<OpenStream>[1] | undefined
    const openStream: OpenStream = (_url, on) => ((handlers = on), () => undefined)
    const { client, calls } = scriptedClient({ whoAmI: [offline] })
    // Its account known, so the only request is the check after the drop.
    const known = { ...session, account: 'a@b.co' }
    const run = runCallback(createActors({ client, store: memoryStore(known), device, openStream }).watchSession, { session: known })
    await vi.advanceTimersByTimeAsync(0)
    handlers?.open()
    handlers?.error('closed')
    await vi.advanceTimersByTimeAsync(1_900)
    expect(calls).toEqual([])
    await vi.advanceTimersByTimeAsync(200)
    expect(calls.map((c) => c.method)).toEqual(['whoAmI'])
    run.stop()
  })
})

describe('the plans', () => {
  it('When the service has no plans to offer, then loading them fails with words for the screen, not an empty list to focus', async () => {
    const { client } = scriptedClient({ plans: [{ ok: true, value: [] }] })
    const load = createActor(createActors({ client, store: memoryStore(), device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream: noStream }).loadPlans)
    load.subscribe({ error: () => undefined })
    load.start()
    await vi.advanceTimersByTimeAsync(0)
    expect(load.getSnapshot().status).toBe('error')
    expect((load.getSnapshot().error as Error).message).toBe('No plans are available right now.')
  })
})

describe('Use Remote', () => {
  it('When Back is pressed while the sign-in is on its way and it goes through anyway, then the TV revokes those tokens instead of leaving the account signed in on it', async () => {
    const store = memoryStore()
    let answer: (r: Result<Session>) => void = () => undefined
    const revoked: Session[] = []
    const client = {
      signIn: () => new Promise<Result<Session>>((r) => (answer = r)),
      revoke: async (s: Session) => (revoked.push(s), { ok: true, value: {} }),
    } as unknown as AccountClient
    const actors = createActors({ client, store, device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream: noStream })
    const signIn = createActor(actors.signIn, { input: { email: 'a@b.co', password: 'pw' } })
    signIn.subscribe({ error: () => undefined })
    signIn.start()
    signIn.stop()
    answer({ ok: true, value: session })
    await vi.advanceTimersByTimeAsync(0)
    expect(revoked).toEqual([session])
    expect(store.owed).toEqual([])
    expect(store.saved).toBeNull()
  })
  it('When the service refuses the password, then the error says so and marks it refused; when it pauses tries, the message offers Use Phone; when it is unreachable, neither', async () => {
    const failure = async (answer: unknown) => {
      const { client } = scriptedClient({ signIn: [answer] })
      const signIn = createActor(createActors({ client, store: memoryStore(), device: () => ({ name: 'TV', platform: 'p', model: 'm' }), openStream: noStream }).signIn, {
        input: { email: 'a@b.co', password: 'pw' },
      })
      signIn.subscribe({ error: () => undefined })
      signIn.start()
      await vi.advanceTimersByTimeAsync(0)
      const error = signIn.getSnapshot().error as Error
      return { refused: error instanceof PasswordRefused, message: error.message }
    }
    expect(await failure({ ...refused(401, 'invalid_credentials'), message: 'That email and password don’t match.' })).toEqual({ refused: true, message: 'That email and password don’t match.' })
    expect(await failure({ ...refused(429, 'too_many_attempts'), message: 'Too many tries. Wait 5 minutes, then try again.' })).toEqual({
      refused: false,
      message: 'Too many tries. Wait 5 minutes, then try again. You can also go back and choose Use Phone.',
    })
    expect((await failure(offline)).refused).toBe(false)
  })
})

describe('Get Help’s network check', () => {
  const device = () => ({ name: 'TV', platform: 'p', model: 'm' })
  const check = async (health: unknown) => {
    const { client } = scriptedClient({ health: [health] })
    const run = createActor(createActors({ client, store: memoryStore(), device, openStream: noStream }).checkService).start()
    await vi.advanceTimersByTimeAsync(0)
    return run.getSnapshot().output
  }

  it('When the service answers, then the check says it was reached; when it does not, that it could not be', async () => {
    expect(await check({ ok: true, value: { ok: true } })).toEqual({ result: 'reached', ms: 0 })
    expect(await check(offline)).toEqual({ result: 'unreachable' })
    expect(await check(refused(503, 'starting'))).toEqual({ result: 'unreachable' })
  })
})
