// Runs the statechart on a real actor whose invoked promise actors settle exactly when a test says so.
import { createActor, fromCallback, fromPromise, type AnyStateNode, type InspectionEvent } from 'xstate'
import { createFlowMachine } from '../../src/flow/machine'
import type { DeviceInfo, Session } from '../../src/flow/types'

export const device: DeviceInfo = { platform: 'browser', platformLabel: 'Web browser', model: 'Chromium', name: 'Test TV', appVersion: '0.0.0' }
export const session: Session = { accessToken: 'a', refreshToken: 'r' }

export function deferred<T>() {
  let resolve!: (v: T) => void
  let reject!: (e: Error) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

export type Fired = { source: AnyStateNode; eventType: string }
const promiseActors = ['restoreSession', 'requestPairing', 'signIn', 'loadPlans', 'signOut', 'checkService'] as const
export type PromiseActorId = (typeof promiseActors)[number]

export function harness(onTransition: (t: Fired) => void = () => undefined) {
  // Each invocation gets a fresh promise, so a second run of the same actor waits for the test like the first.
  const pending = new Map<PromiseActorId, ReturnType<typeof deferred<unknown>>>()
  const inputs: Record<string, unknown[]> = {}
  const persisted: Session[] = []
  const effects: string[] = []
  const fake = (id: PromiseActorId) =>
    fromPromise(({ input }: { input: unknown }) => {
      ;(inputs[id] ??= []).push(input)
      const d = deferred<unknown>()
      pending.set(id, d)
      return d.promise
    })
  const machine = createFlowMachine({
    actors: {
      restoreSession: fake('restoreSession') as never,
      requestPairing: fake('requestPairing') as never,
      signIn: fake('signIn') as never,
      loadPlans: fake('loadPlans') as never,
      signOut: fake('signOut') as never,
      checkService: fake('checkService') as never,
      pollPairing: fromCallback(() => {
        effects.push('poll.start')
        return () => void effects.push('poll.stop')
      }),
      watchSession: fromCallback(() => {
        effects.push('watch.start')
        return () => void effects.push('watch.stop')
      }),
    },
    actions: {
      exitApp: () => void effects.push('exit'),
      forgetSession: () => void effects.push('forget'),
      persistSession: (_, params: { session: Session }) => void persisted.push(params.session),
    },
    delays: { backoff: 1 },
  })
  const inspect = (ev: InspectionEvent) => {
    if (ev.type === '@xstate.microstep') for (const t of ev._transitions as unknown as Fired[]) onTransition(t)
  }
  const actor = createActor(machine, { input: { device }, inspect }).start()
  const settle = (id: PromiseActorId) => {
    const d = pending.get(id)
    if (!d) throw new Error(`${id} is not running`)
    pending.delete(id)
    return d
  }
  return {
    actor,
    inputs,
    persisted,
    effects,
    resolve: (id: PromiseActorId, value: unknown) => settle(id).resolve(value),
    reject: (id: PromiseActorId, message = 'Tenfoot can’t reach its servers.') => settle(id).reject(new Error(message)),
    isPromiseActor: (id: string): id is PromiseActorId => (promiseActors as readonly string[]).includes(id),
  }
}
