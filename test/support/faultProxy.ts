// A proxy between the TV and the real service that injects the faults a home network and a busy service produce.
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export type Fault = 'none' | 'down' | 'slow' | 'error500' | 'malformed' | 'dropStreams'

export interface FaultProxy {
  url: string
  fault: Fault
  /** Requests seen, by path, so tests can tell what the TV tried. */
  seen: string[]
  /** Event streams the proxy is passing through right now (answered upstream, not yet closed). */
  readonly openStreams: number
  close(): Promise<void>
}

export async function startFaultProxy(target: string, slowMs = 5_000): Promise<FaultProxy> {
  const upstream = new URL(target)
  const streams = new Set<http.ServerResponse>()
  const state = { url: '', fault: 'none', seen: [], close: async () => undefined } as unknown as FaultProxy
  Object.defineProperty(state, 'openStreams', { get: () => streams.size })

  const server = http.createServer((req, res) => {
    state.seen.push(`${req.method} ${(req.url ?? '').split('?')[0]}`)
    const cors = { 'access-control-allow-origin': req.headers.origin ?? '*', 'access-control-allow-headers': 'authorization, content-type' }
    switch (state.fault) {
      case 'down':
        // As a stopped service looks from the TV: the connection is cut without an answer.
        req.socket.destroy()
        return
      case 'error500':
        res.writeHead(500, { 'content-type': 'application/json', ...cors })
        res.end(JSON.stringify({ error: 'server_error', error_description: 'Injected failure' }))
        return
      case 'malformed':
        res.writeHead(200, { 'content-type': 'application/json', ...cors })
        res.end('{"access_token": "trunc')
        return
    }
    const forward = () => {
      const proxied = http.request(
        { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: { ...req.headers, host: upstream.host } },
        (up) => {
          res.writeHead(up.statusCode ?? 502, up.headers)
          if (String(up.headers['content-type'] ?? '').includes('text/event-stream')) {
            streams.add(res)
            res.on('close', () => streams.delete(res))
          }
          up.pipe(res)
        },
      )
      proxied.on('error', () => req.socket.destroy())
      req.pipe(proxied)
    }
    if (state.fault === 'slow') setTimeout(forward, slowMs)
    else forward()
  })

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  let fault: Fault = 'none'
  Object.defineProperty(state, 'fault', {
    get: () => fault,
    set: (f: Fault) => {
      fault = f
      // Dropping streams is a moment, not a mode: cut every open one now, as a network blip would.
      if (f === 'dropStreams' || f === 'down') for (const s of streams) s.destroy()
      if (f === 'dropStreams') fault = 'none'
    },
  })
  state.close = () =>
    new Promise((resolve) => {
      for (const s of streams) s.destroy()
      server.closeAllConnections()
      server.close(() => resolve())
    })
  return state
}
