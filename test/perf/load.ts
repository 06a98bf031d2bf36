// The load generator for the service benchmark, in its own process: autocannon against loopback, bounded in time.
// Usage: load.ts <url> <path> <codes.json> <seconds>; prints one JSON line { rps, p99, statuses }.
import autocannon from 'autocannon'
import { readFileSync } from 'node:fs'

const [url, path, codesFile, seconds] = process.argv.slice(2) as [string, string, string, string]
const codes = JSON.parse(readFileSync(codesFile, 'utf8')) as string[]
let i = 0
const statuses: Record<string, number> = {}

const instance = autocannon({
  url: `${url}${path}`,
  connections: 50,
  duration: Number(seconds),
  requests: [
    path === '/token'
      ? {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          // Each request polls the next pending code, so every TV polls about once per (codes / rate) seconds.
          setupRequest: (req) => ({
            ...req,
            body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:device_code', device_code: codes[i++ % codes.length] ?? '', client_id: 'tenfoot-tv' }).toString(),
          }),
        }
      : { method: 'GET' },
  ],
}, (err, result) => {
  if (err) throw err
  console.log(JSON.stringify({ rps: result.requests.average, p99: result.latency.p99, statuses }))
})
instance.on('response', (_client, statusCode) => {
  statuses[statusCode] = (statuses[statusCode] ?? 0) + 1
})
