// Work that can wait: it runs in the browser's idle time, after the frames that are due, so it never delays a launch or
// a key press that is already under way. Engines without requestIdleCallback run it after the delay.

/**
 * Returns a cancel function, for a screen to call when it is left: the browser then drops the pending work, and with it
 * the screen it would have kept alive (up to two seconds of screens when the user moves quickly).
 */
export function whenIdle(work: () => void, delayMs = 0): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let handle: number | undefined
  const idle = () => {
    timer = undefined
    if (typeof window.requestIdleCallback === 'function') handle = window.requestIdleCallback(() => work(), { timeout: 2000 })
    else work()
  }
  if (delayMs > 0) timer = setTimeout(idle, delayMs)
  else idle()
  return () => {
    if (timer !== undefined) clearTimeout(timer)
    if (handle !== undefined && typeof window.cancelIdleCallback === 'function') window.cancelIdleCallback(handle)
  }
}

/**
 * `work` for each item, one item per idle period: a key press that arrives meanwhile waits for one item's work at most,
 * not for all of it. Returns a cancel function, as `whenIdle` does.
 */
export function eachWhenIdle<T>(items: readonly T[], work: (item: T) => void, delayMs = 0): () => void {
  let next = 0
  let cancel = () => {}
  const step = () => {
    const item = items[next++]
    if (item === undefined) return
    work(item)
    cancel = whenIdle(step)
  }
  cancel = whenIdle(step, delayMs)
  return () => cancel()
}
