// How long a movement that a key starts plays (focus, a rail's scroll, the menu opening): its own duration, unless keys
// come faster than movements play, as when a remote is held down or pressed again at once. Then everything moves at
// once to where the keys put it, so the screen keeps up with the remote, and a TV-class chip is not still drawing the
// last movement when the next key comes: a key waits behind each such frame (README "Performance").
// "Quick" lasts from App's _captureKey to its drawNow, both inside the key's own event: work that key starts later (a
// promise, a screen's data) moves in full.

import { theme } from '../theme'

/** The longest movement a key starts (a rail's scroll): keys closer together than this come faster than it plays. */
export const QUICK_KEY_MS = Math.max(...Object.values(theme.motion)) * 1000

/** Whether the key being handled came quickly after the one before; false while no key is being handled. */
let quick = false

/** A key is about to be handled, `sinceLastKey` ms after the one before it. True when that is quickly. */
export function keyArrived(sinceLastKey: number): boolean {
  quick = sinceLastKey < QUICK_KEY_MS
  return quick
}

/** The key has been handled: movements started from now on (a screen's data arriving, a notice) play in full. */
export function keyHandled(): void {
  quick = false
}

/** Transition settings for a movement of `seconds` that a key starts: no time at all when that key came quickly. */
export function paced(seconds: number): { duration: number } {
  return { duration: quick ? 0 : seconds }
}
