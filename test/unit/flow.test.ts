// The statechart on its own: model-based coverage of every state and transition, plus the user's stories.
import { describe, expect, it } from 'vitest'
import { createActor, fromPromise, waitFor, type AnyStateNode, type InspectionEvent } from 'xstate'
import { getShortestPaths } from 'xstate/graph'
import { flowMachine } from '../../src/flow/machine'
import { sections, type DeviceInfo, type FlowEvent, type Session } from '../../src/flow/types'
import { viewOf } from '../../src/flow/view'

const device: DeviceInfo = { platform: 'browser', platformLabel: 'Web browser', model: 'Chromium', name: 'Test TV', appVersion: '0.0.0' }
const session: Session = { accessToken: 'a', refreshToken: 'r' }

/** A promise the test settles by hand, so invoked actors finish exactly when a path says they do. */
function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: Error) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

type Fired = { source: AnyStateNode; eventType: string }

function harness(onTransition: (t: Fired) => void = () => undefined) {
  // Each invocation gets a fresh promise, so a second boot waits for the test just like the first.
  let restore = deferred<Session | null>()
  let signOut = deferred<void>()
  const signOutCalls: Array<Session | null> = []
  const exits: number[] = []
  const machine = flowMachine.provide({
    actors: {
      restoreSession: fromPromise(() => (restore = deferred<Session | null>()).promise),
      signOut: fromPromise(({ input }: { input: { session: Session | null } }) => {
        signOutCalls.push(input.session)
        return (signOut = deferred<void>()).promise
      }),
    },
    actions: { exitApp: () => void exits.push(1) },
  })
  const inspect = (ev: InspectionEvent) => {
    if (ev.type === '@xstate.microstep') for (const t of ev._transitions as unknown as Fired[]) onTransition(t)
  }
  const actor = createActor(machine, { input: { device }, inspect }).start()
  return {
    actor,
    signOutCalls,
    exits,
    restore: { resolve: (v: Session | null) => restore.resolve(v), reject: () => restore.reject(new Error('storage')) },
    signOut: { resolve: () => signOut.resolve(), reject: () => signOut.reject(new Error('offline')) },
  }
}

type DoneEvent = { type: string; output?: unknown }
const plainEvents = ['menu.open', 'menu.close', 'nav.back', 'help.signOut', 'confirm.yes', 'confirm.no', 'welcome.logIn', 'welcome.getStarted', 'app.resume'] as const
const modelEvents = [
  ...plainEvents.map((type) => ({ type })),
  ...sections.map((section) => ({ type: 'menu.select', section }) as FlowEvent),
  { type: 'xstate.done.actor.restoreSession', output: session },
  { type: 'xstate.done.actor.restoreSession', output: null },
  { type: 'xstate.done.actor.signOut', output: undefined },
  { type: 'xstate.error.actor.restoreSession', error: new Error('storage') },
  { type: 'xstate.error.actor.signOut', error: new Error('offline') },
] as unknown as FlowEvent[]

function allStateNodes(node: AnyStateNode): AnyStateNode[] {
  return [node, ...Object.values(node.states).flatMap(allStateNodes)]
}

/** Every (source state, event) pair the machine declares, including guarded alternatives. */
function declaredTransitions(): Set<string> {
  const out = new Set<string>()
  for (const node of allStateNodes(flowMachine.root)) {
    for (const [eventType, list] of node.transitions) {
      list.forEach((_t: unknown, i: number) => out.add(`${node.id} ${eventType} #${i}`))
    }
  }
  return out
}

describe('the Tenfoot statechart, model-based', () => {
  it('When every shortest path is replayed on a real actor, then every state and every transition is reached and matches the model', async () => {
    // A node per (previous state, event, state), so a transition back to a known state still gets its own path.
    const key = (v: unknown) => JSON.stringify(v)
    const paths = getShortestPaths(flowMachine, {
      events: modelEvents,
      input: { device },
      // An event that changes nothing is not a transition; folding it into the state keeps no-op steps out of the paths.
      serializeState: (state, event, prev) =>
        !prev || key(prev.value) === key(state.value) ? key(state.value) : `${key(prev.value)} ${key(event)} ${key(state.value)}`,
    })
    expect(paths.length).toBeGreaterThan(20)

    const reachedNodes = new Set<string>()
    const takenTransitions = new Set<string>()
    const record = ({ source, eventType }: Fired, fired: unknown) => {
      // Guarded alternatives share an event type; the fired definition tells which one it was.
      takenTransitions.add(`${source.id} ${eventType} #${(source.transitions.get(eventType) ?? []).indexOf(fired as never)}`)
    }

    for (const path of paths) {
      const h = harness((t) => record(t, t))
      for (const step of path.steps) {
        const event = step.event as DoneEvent
        if (event.type === 'xstate.done.actor.restoreSession') h.restore.resolve(event.output as Session | null)
        else if (event.type === 'xstate.error.actor.restoreSession') h.restore.reject()
        else if (event.type === 'xstate.done.actor.signOut') h.signOut.resolve()
        else if (event.type === 'xstate.error.actor.signOut') h.signOut.reject()
        else h.actor.send(step.event)
        // Invoked actors settle on a microtask; wait until the real actor reaches what the model says.
        await waitFor(h.actor, (s) => JSON.stringify(s.value) === JSON.stringify(step.state.value), { timeout: 500 })
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
    expect([...everyNode].filter((id) => !reachedNodes.has(id))).toEqual([])
    expect([...declaredTransitions()].filter((t) => !takenTransitions.has(t))).toEqual([])
  })
})

describe('the sign-out journey', () => {
  async function signedIn() {
    const h = harness()
    h.restore.resolve(session)
    await waitFor(h.actor, (s) => s.matches('signedIn'))
    return h
  }

  it('When a stored session is restored at launch, then Home shows with the menu closed', async () => {
    const { actor } = await signedIn()
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'home', overlay: null })
  })

  it('When nothing is stored at launch, then Welcome shows', async () => {
    const h = harness()
    h.restore.resolve(null)
    await waitFor(h.actor, (s) => s.matches('signedOut'))
    expect(viewOf(h.actor.getSnapshot())).toEqual({ screen: 'welcome', overlay: null })
  })

  it('When the user goes Home → menu → Get Help → Sign Out → No, then Get Help shows again and the session stays', async () => {
    const { actor, signOutCalls } = await signedIn()
    actor.send({ type: 'menu.open' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'home', overlay: 'menu' })
    actor.send({ type: 'menu.select', section: 'getHelp' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: null })
    actor.send({ type: 'help.signOut' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: 'confirmSignOut' })
    actor.send({ type: 'confirm.no' })
    expect(viewOf(actor.getSnapshot())).toEqual({ screen: 'getHelp', overlay: null })
    expect(signOutCalls).toEqual([])
    expect(actor.getSnapshot().context.session).toEqual(session)
  })

  it('When the user says Yes to Sign Out, then the session is handed to sign-out, forgotten, and Welcome shows', async () => {
    const h = await signedIn()
    h.actor.send({ type: 'menu.select', section: 'getHelp' })
    h.actor.send({ type: 'help.signOut' })
    h.actor.send({ type: 'confirm.yes' })
    expect(viewOf(h.actor.getSnapshot()).screen).toBe('signingOut')
    expect(h.signOutCalls).toEqual([session])
    h.signOut.resolve()
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
    expect(h.exits).toEqual([1])
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
