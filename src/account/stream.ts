// The remote sign-out stream over EventSource (Server-Sent Events), present on every TV engine we support.
import type { OpenStream } from '../flow/actors'

export const openEventStream: OpenStream = (url, on) => {
  if (typeof EventSource === 'undefined') {
    // No stream on this engine: the watcher falls back to checking the session with backoff.
    on.error('closed')
    return () => undefined
  }
  const source = new EventSource(url)
  source.addEventListener('open', () => on.open())
  source.addEventListener('signed-out', () => on.signedOut?.())
  source.addEventListener('decided', () => {
    // Said once; the pairing is decided, so no reconnecting to a stream that has nothing more to say.
    source.close()
    on.decided?.()
  })
  // CONNECTING means EventSource is retrying by itself (the service restarted); CLOSED means it was refused.
  source.onerror = () => on.error(source.readyState === EventSource.CLOSED ? 'closed' : 'retrying')
  return () => source.close()
}
