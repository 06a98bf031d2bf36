// Work deferred to idle time (the menu's labels, the rails beyond the screen): a key press that arrives while it runs
// waits for one item's work at most, and nothing is dropped.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { eachWhenIdle, whenIdle } from '../../src/components/idle'

// The browser's idle queue, run by the test one idle period at a time.
let idleQueue: (() => void)[] = []
const idlePeriod = () => idleQueue.shift()?.()

beforeEach(() => {
  vi.useFakeTimers()
  idleQueue = []
  vi.stubGlobal('window', { requestIdleCallback: (cb: () => void) => idleQueue.push(cb) })
})

afterEach(() => {
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

/** A browser idle queue that work can be taken out of, as the browser's is by cancelIdleCallback. */
function cancellableIdleQueue(): Map<number, () => void> {
  const queued = new Map<number, () => void>()
  let id = 0
  vi.stubGlobal('window', {
    requestIdleCallback: (cb: () => void) => (queued.set(++id, cb), id),
    cancelIdleCallback: (handle: number) => queued.delete(handle),
  })
  return queued
}

describe('idle work', () => {
  it('When work is given a delay, then nothing runs before it and the work runs in the first idle period after', () => {
    const done: string[] = []
    whenIdle(() => done.push('labels'), 300)
    vi.advanceTimersByTime(299)
    expect(idleQueue).toHaveLength(0)
    vi.advanceTimersByTime(1)
    expect(done).toEqual([])
    idlePeriod()
    expect(done).toEqual(['labels'])
  })

  it('When six items wait, then each idle period does one of them, in order, until all six are done', () => {
    const done: string[] = []
    const labels = ['Search', 'Home', 'TV Shows', 'Movies', 'My List', 'Get Help']
    eachWhenIdle(labels, (label) => done.push(label), 300)
    vi.advanceTimersByTime(300)
    for (let period = 1; period <= labels.length; period++) {
      idlePeriod()
      expect(done).toEqual(labels.slice(0, period))
    }
    idlePeriod()
    expect(done).toEqual(labels)
    expect(idleQueue).toHaveLength(0)
  })

  it('When the screen is left before its delay has passed, then the work never runs', () => {
    const done: string[] = []
    const cancel = whenIdle(() => done.push('rails'), 300)
    vi.advanceTimersByTime(100)
    cancel()
    vi.advanceTimersByTime(1000)
    expect(idleQueue).toHaveLength(0)
    expect(done).toEqual([])
  })

  it('When the screen is left while its work waits for idle time, then the browser drops the work and the screen with it', () => {
    const queued = cancellableIdleQueue()
    const done: string[] = []
    const cancel = whenIdle(() => done.push('rails'))
    expect(queued.size).toBe(1)
    cancel()
    expect(queued.size).toBe(0)
    expect(done).toEqual([])
  })

  it('When the screen is left partway through its items, then the items still waiting never run', () => {
    const queued = cancellableIdleQueue()
    const done: string[] = []
    const cancel = eachWhenIdle(['Top Picks', 'Continue Watching', 'New Releases'], (rail) => done.push(rail))
    const runNext = () => {
      const [handle, cb] = [...queued][0] ?? []
      if (handle === undefined || !cb) return
      queued.delete(handle)
      cb()
    }
    runNext()
    expect(done).toEqual(['Top Picks'])
    cancel()
    expect(queued.size).toBe(0)
    runNext()
    expect(done).toEqual(['Top Picks'])
  })

  it('When the engine has no idle callback (older TVs), then the items all run once the delay has passed', () => {
    vi.stubGlobal('window', {})
    const done: number[] = []
    eachWhenIdle([1, 2, 3], (n) => done.push(n), 300)
    expect(done).toEqual([])
    vi.advanceTimersByTime(300)
    expect(done).toEqual([1, 2, 3])
  })
})
