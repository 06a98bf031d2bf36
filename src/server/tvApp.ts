// Serves the built TV app on its own port, a different origin from the service, as a packaged app would be.
import Koa from 'koa'
import serve from 'koa-static'
import type { AddressInfo } from 'node:net'

export async function serveTvApp(dir: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa()
  app.use(serve(dir, { maxage: 0 }))
  const server = app.listen(port)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
