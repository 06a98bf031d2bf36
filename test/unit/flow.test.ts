// The statechart on its own: model-based coverage of every state and transition, plus the user's stories.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { waitFor, type AnyStateNode, type EventObject } from 'xstate'
import { getShortestPaths } from 'xstate/graph'
import { createFlowMachine, PLANS_FRESH_MS } from '../../src/flow/machine'

const flowMachine = createFlowMachine()
import { notices, sections, type FlowEvent, type Pairing, type Plan } from '../../src/flow/types'
import { viewOf } from '../../src/flow/view'
import { device, harness, session, type Fired } from './harness'

const pairing: Pairing = {
  deviceCode: 'dc',
  userCode: '12345678',
  verificationUri: 'http://svc/tv',
  verificationUriComplete: 'http://svc/tv/12345678',
  expiresAt: Date.now() + 600_000,
  interval: 5,
}
const plans: Plan[] = [{ id: 'basic', name: 'Basic', monthlyPrice: '$6.99', quality: 'HD', screens: 1, ads: true }]

/** The payloads a model event may carry; events not listed here carry none. */
const variants: Record<string, EventObject[]> = {
  'menu.select': sections.map((section) => ({ type: 'menu.select', section })),
  'pairing.approved': [{ type: 'pairing.approved', session } as EventObject],
  'pairing.failed': [{ type: 'pairing.failed', message: 'Try again' } as EventObject],
  'remote.email': [{ type: 'remote.email', email: 'demo@tenfoot.tv' } as EventObject],
  'remote.password': [{ type: 'remote.password', password: 'pw' } as EventObject],
  'plans.choose': [{ type: 'plans.choose', planId: 'basic' } as EventObject],
  'session.refreshed': [{ type: 'session.refreshed', session } as EventObject],
  'xstate.done.actor.restoreSession': [
    { type: 'xstate.done.actor.restoreSession', output: { session, notice: null } } as EventObject,
    { type: 'xstate.done.actor.restoreSession', output: { session: null, notice: null } } as EventObject,
  ],
  'xstate.done.actor.requestPairing': [{ type: 'xstate.done.actor.requestPairing', output: pairing } as EventObject],
  'xstate.done.actor.signIn': [{ type: 'xstate.done.actor.signIn', output: session } as EventObject],
  'xstate.done.actor.loadPlans': [{ type: 'xstate.done.actor.loadPlans', output: plans } as EventObject],
  'xstate.done.actor.checkService': [{ type: 'xstate.done.actor.checkService', output: { result: 'reached', ms: 12 } } as EventObject],
  'xstate.done.actor.signOut': [{ type: 'xstate.done.actor.signOut', output: undefined } as EventObject],
}

/** Every event the active states listen for, as the model explores them. */
function eventsFor(state: { _nodes: AnyStateNode[] }): EventObject[] {
  const types = new Set(state._nodes.flatMap((n) => [...n.transitions.keys()]))
  return [...types].flatMap((type) => variants[type] ?? [{ type }])
}

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(allStateNodes)]
}

/** Every (source state, event) pair the machine declares, including guarded alternatives. */
function declaredTransitions(): Set<string> {
  const out = new Set<string>()
  for (const node of allStateNodes(flowMachine.root)) {
    for (const [eventType, list] of node.transitions) list.forEach((_t: unknown, i: number) => out.add(`${node.id} ${eventType} #${i}`))
  }
  return out
}

describe('the Tenfoot statechart, model-based', () => {
  it('When every shortest path is replayed on a real actor, then every state and every transition is reached and matches the model', async () => {
    // A node per (previous state, event, state), so a transition back to a known state still gets its own path.
    // `reconnecting` is the one context flag a transition changes without changing the state value.
    const key = (s: { value: unknown; context?: { reconnecting: boolean } }) => JSON.stringify([s.value, s.context?.reconnecting])
    const paths = getShortestPaths(flowMachine, {
      events: eventsFor as never,
      input: { device },
      // An event that changes nothing is not a transition; folding it into the state keeps no-op steps out of the paths.
      serializeState: (state, event, prev) =>
        !prev || key(prev) === key(state) ? key(state) : `${key(prev)} ${JSON.stringify(event)} ${key(state)}`,
    })
    expect(paths.length).toBeGreaterThan(50)

    const reachedNodes = new Set<string>()
    const takenTransitions = new Set<string>()
    for (const path of paths) {
      // The fired definition is the same object as in source.transitions, so its index names the guarded alternative.
      const h = harness((t: Fired) => {
        takenTransitions.add(`${t.source.id} ${t.eventType} #${(t.source.transitions.get(t.eventType) ?? []).indexOf(t as never)}`)
      })
      for (const step of path.steps) {
        const event = step.event as EventObject & { output?: unknown }
        const done = /^xstate\.(done|error)\.actor\.(.+)$/.exec(event.type)
        if (done && h.isPromiseActor(done[2] ?? '')) {
          const id = done[2] as Parameters<typeof h.resolve>[0]
          if (done[1] === 'done') h.resolve(id, event.output)
          else h.reject(id)
        } else if (!event.type.startsWith('xstate.after.')) {
          // Events from the polling and watching actors reach the machine exactly as sent ones do.
          h.actor.send(event as FlowEvent)
        } // Delays are 1 ms in the harness: the timer fires by itself.
        await waitFor(h.actor, (s) => key(s) === key(step.state), { timeout: 500 })
      }
      const snap = h.actor.getSnapshot()
      expect(snap.value).toEqual(path.state.value)
      for (const node of snap._nodes as AnyStateNode[]) reachedNodes.add(node.id)
      // App draws from viewOf alone: only the boot state may show the boot screen.
      expect(viewOf(snap).screen === 'boot').toBe(snap.matches('boot'))
      h.actor.stop()
    }
    console.info(`model: ${paths.length} paths, ${reachedNodes.size} state nodes, ${takenTransitions.size} transitions`)

    const everyNode = allStateNodes(flowMachine.root).map((n) => n.id)
    expect(everyNode.filter((id) => !reachedNodes.has(id))).toEqual([])
    expect([...declaredTransitions()].filter((t) => !takenTransitions.has(t))).toEqual([])
  })
})

describe('the sign-out journey', () => {
  async function signedIn() {
    const h = harness()
    h.resolve('restoreSession', { session, notice: null })
    await waitFor(h.actor, (s) => s.matches('signedIn'))
    return h
  }

  it('When a stored session is restored at launch, then Home shows with the menu closed', async () => {
    const { actor } = await signedIn()
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'home', overlay: null })
  })

  it('When nothing is stored at launch, then Welcome shows', async () => {
    const h = harness()
    h.resolve('restoreSession', { session: null, notice: null })
    await waitFor(h.actor, (s) => s.matches('signedOut'))
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'welcome', overlay: null })
  })

  it('When the user goes Home → menu → Get Help → Sign Out → No, then Get Help shows again and the session stays', async () => {
    const { actor, inputs } = await signedIn()
    actor.send({ type: 'menu.open' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'home', overlay: 'menu' })
    actor.send({ type: 'menu.select', section: 'getHelp' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: null })
    actor.send({ type: 'help.signOut' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: 'confirmSignOut' })
    actor.send({ type: 'confirm.no' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: null })
    expect(inputs.signOut).toBeUndefined()
    expect(actor.getSnapshot().context.session).toEqual(session)
  })

  it('When the user says Yes to Sign Out, then the session is handed to sign-out, forgotten, and Welcome shows', async () => {
    const h = await signedIn()
    h.actor.send({ type: 'menu.select', section: 'getHelp' })
    h.actor.send({ type: 'help.signOut' })
    h.actor.send({ type: 'confirm.yes' })
    expect(viewOf(h.actor.getSnapshot()).screen).toBe('signingOut')
    expect(h.inputs.signOut).toEqual([{ session }])
    expect(h.effects).toContain('forget')
    h.resolve('signOut', undefined)
    await waitFor(h.actor, (s) => s.matches('signedOut'))
    expect(h.actor.getSnapshot().context.session).toBeNull()
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'welcome', overlay: null })
  })

  it('When the dialog is open, then Back means No and the menu cannot open over it', async () => {
    const { actor } = await signedIn()
    actor.send({ type: 'menu.select', section: 'getHelp' })
    actor.send({ type: 'help.signOut' })
    actor.send({ type: 'menu.open' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: 'confirmSignOut' })
    actor.send({ type: 'nav.back' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: null })
  })

  it('When Back is pressed on Home, then the menu opens; Back again asks to exit; Yes exits through the platform', async () => {
    const h = await signedIn()
    h.actor.send({ type: 'nav.back' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'home', overlay: 'menu' })
    h.actor.send({ type: 'nav.back' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'home', overlay: 'confirmExit' })
    h.actor.send({ type: 'confirm.yes' })
    expect(h.effects).toContain('exit')
    expect(viewOf(h.actor.getSnapshot()).screen).toBe('exited')
  })

  it('When the menu was opened with Left, then Back closes it and focus returns to the page', async () => {
    const { actor } = await signedIn()
    actor.send({ type: 'menu.open' })
    actor.send({ type: 'nav.back' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'home', overlay: null })
    actor.send({ type: 'menu.open' })
    actor.send({ type: 'menu.close' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'home', overlay: null })
  })

  it('When Check your network is chosen on Get Help, then the check runs while the list stays usable, and its result is kept for this visit only', async () => {
    const h = await signedIn()
    h.actor.send({ type: 'menu.select', section: 'getHelp' })
    expect(h.actor.getSnapshot().context.networkCheck).toBeNull()
    h.actor.send({ type: 'help.checkNetwork' })
    expect(h.actor.getSnapshot().context.networkCheck).toEqual({ result: 'checking' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: null })
    h.resolve('checkService', { result: 'reached', ms: 40 })
    await waitFor(h.actor, (s) => s.context.networkCheck?.result === 'reached')
    // Sign Out still works after a check; Back from a check under way goes Home, and the next visit starts afresh.
    h.actor.send({ type: 'help.checkNetwork' })
    h.actor.send({ type: 'nav.back' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'home', overlay: null })
    h.actor.send({ type: 'menu.select', section: 'getHelp' })
    expect(h.actor.getSnapshot().context.networkCheck).toBeNull()
    h.actor.send({ type: 'help.signOut' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: 'confirmSignOut' })
  })

  it('When Back is pressed on a section other than Home, then Home shows', async () => {
    const { actor } = await signedIn()
    for (const section of ['search', 'tvShows', 'movies', 'myList', 'getHelp'] as const) {
      actor.send({ type: 'menu.select', section })
      expect(viewOf(actor.getSnapshot()).screen).toBe(section)
      actor.send({ type: 'nav.back' })
      expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'home', overlay: null })
    }
  })
})

describe('the plans', () => {
  afterEach(() => vi.useRealTimers())

  it('When Get Started is chosen again soon after, then the plans show at once without asking the service; after a while they are loaded again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const h = harness()
    h.resolve('restoreSession', { session: null, notice: null })
    await waitFor(h.actor, (s) => s.matches('signedOut'))
    h.actor.send({ type: 'welcome.getStarted' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'plans', overlay: null, step: 'loading' })
    h.resolve('loadPlans', plans)
    await waitFor(h.actor, (s) => s.matches({ signedOut: { plans: 'choosing' } }))

    h.actor.send({ type: 'nav.back' })
    vi.advanceTimersByTime(PLANS_FRESH_MS - 1_000)
    h.actor.send({ type: 'welcome.getStarted' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'plans', overlay: null, step: 'choosing' })
    expect(h.actor.getSnapshot().context.plans).toEqual(plans)
    expect(h.inputs.loadPlans).toHaveLength(1)

    h.actor.send({ type: 'nav.back' })
    vi.advanceTimersByTime(2_000)
    h.actor.send({ type: 'welcome.getStarted' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'plans', overlay: null, step: 'loading' })
    expect(h.inputs.loadPlans).toHaveLength(2)
    h.actor.stop()
  })

  /** Get Started with the service down: the plans failed, and a second later are being loaded again by themselves. */
  async function plansRetryingByThemselves() {
    vi.useFakeTimers()
    const h = harness()
    h.resolve('restoreSession', { session: null, notice: null })
    await waitFor(h.actor, (s) => s.matches('signedOut'))
    h.actor.send({ type: 'welcome.getStarted' })
    h.reject('loadPlans')
    await waitFor(h.actor, (s) => s.matches({ signedOut: { plans: 'failed' } }))
    vi.advanceTimersByTime(1_000)
    return h
  }

  it('When the plans failed and were being tried again by themselves, then leaving and choosing Get Started again shows Loading, not the old failure', async () => {
    const h = await plansRetryingByThemselves()
    // Trying again by itself: the failure stays on screen while it loads.
    expect(h.actor.getSnapshot().matches({ signedOut: { plans: 'loading' } })).toBe(true)
    expect(h.actor.getSnapshot().context).toMatchObject({ attempt: 1, error: 'Tenfoot can’t reach its servers.' })

    h.actor.send({ type: 'nav.back' })
    h.actor.send({ type: 'welcome.getStarted' })
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'plans', overlay: null, step: 'loading' })
    expect(h.actor.getSnapshot().context).toMatchObject({ attempt: 0, error: null })
    h.actor.stop()
  })

  it('When Try Again is pressed while the plans are being tried again by themselves, then they are asked for afresh at once', async () => {
    const h = await plansRetryingByThemselves()
    expect(h.inputs.loadPlans).toHaveLength(2)
    expect(h.actor.getSnapshot().context.attempt).toBe(1)

    h.actor.send({ type: 'retry' })
    // A new request, and the screen says "Loading plans…" (attempt 0), not the old failure.
    expect(h.inputs.loadPlans).toHaveLength(3)
    expect(h.actor.getSnapshot().context.attempt).toBe(0)
    h.resolve('loadPlans', plans)
    await waitFor(h.actor, (s) => s.matches({ signedOut: { plans: 'choosing' } }))
    h.actor.stop()
  })
})

describe('Use Phone', () => {
  afterEach(() => vi.useRealTimers())

  it('When Try Again is pressed on Use Phone while a code is being asked for again by itself, then it is asked for afresh at once', async () => {
    vi.useFakeTimers()
    const h = harness()
    h.resolve('restoreSession', { session: null, notice: null })
    await waitFor(h.actor, (s) => s.matches('signedOut'))
    h.actor.send({ type: 'welcome.logIn' })
    h.actor.send({ type: 'signin.usePhone' })
    h.reject('requestPairing')
    await waitFor(h.actor, (s) => s.matches({ signedOut: { usePhone: 'offline' } }))
    vi.advanceTimersByTime(1_000)
    expect(h.inputs.requestPairing).toHaveLength(2)
    h.actor.send({ type: 'retry' })
    expect(h.inputs.requestPairing).toHaveLength(3)
    expect(h.actor.getSnapshot().context.attempt).toBe(0)
    h.resolve('requestPairing', pairing)
    await waitFor(h.actor, (s) => s.matches({ signedOut: { usePhone: 'showing' } }))
    h.actor.stop()
  })
})
