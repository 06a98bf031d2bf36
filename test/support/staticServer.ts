// Serves a built TV app folder on 127.0.0.1 and a free port, as a TV's web runtime would load it.
import Koa from 'koa'
import serve from 'koa-static'
import type { AddressInfo } from 'node:net'

export async function serveFolder(folder: string): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa()
  app.use(serve(folder, { maxage: 0 }))
  const server = app.listen(0, '127.0.0.1')
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
