// How a component tells the statechart what the user meant: a semantic event, fired up the tree to App's $send.
import type { Component } from '../lightning'
import type { FlowEvent } from '../flow/types'

export function sendFlow(from: Component, event: FlowEvent): void {
  ;(from as unknown as { fireAncestors(name: '$send', e: FlowEvent): void }).fireAncestors('$send', event)
}

/** A passing message that changes nothing in the flow ("coming soon"), shown and said for a few seconds by App. */
export function notify(from: Component, message: string): void {
  ;(from as unknown as { fireAncestors(name: '$notify', m: string): void }).fireAncestors('$notify', message)
}
