// Work that can wait: it runs in the browser's idle time, after the frames that are due, so it never delays a launch or
// a key press that is already under way. Engines without requestIdleCallback run it after the delay.

export function whenIdle(work: () => void, delayMs = 0): void {
  const idle = () => (typeof window.requestIdleCallback === 'function' ? window.requestIdleCallback(() => work(), { timeout: 2000 }) : work())
  if (delayMs > 0) setTimeout(idle, delayMs)
  else idle()
}

/**
 * `work` for each item, one item per idle period: a key press that arrives meanwhile waits for one item's work at most,
 * not for all of it.
 */
export function eachWhenIdle<T>(items: readonly T[], work: (item: T) => void, delayMs = 0): void {
  let next = 0
  const step = () => {
    const item = items[next++]
    if (item === undefined) return
    work(item)
    whenIdle(step)
  }
  whenIdle(step, delayMs)
}
