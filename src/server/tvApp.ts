// Serves the built TV app on its own port, a different origin from the service, as a packaged app would be.
import Koa from 'koa'
import serve from 'koa-static'
import type { AddressInfo } from 'node:net'
import { portInUse } from './config'
import { favicon } from './http'

/** The port the built app looks for the service on when it is not told (`serviceUrl` in src/index.ts). */
const APP_DEFAULT_SERVICE_PORT = 3000

/**
 * `servicePort`: where this service listens. When it is not the port the app assumes, opening the app without a
 * `?service=` is redirected to one naming this service on the host the app was opened on, so `PORT=…` just works.
 */
export async function serveTvApp(dir: string, port: number, servicePort = APP_DEFAULT_SERVICE_PORT): Promise<{ url: string; close(): Promise<void> }> {
  const app = new Koa()
  if (servicePort !== APP_DEFAULT_SERVICE_PORT) {
    app.use(async (ctx, next) => {
      if ((ctx.path === '/' || ctx.path === '/index.html') && !ctx.query.service) {
        const params = new URLSearchParams(ctx.querystring)
        params.set('service', `${ctx.protocol}://${ctx.hostname}:${servicePort}`)
        return ctx.redirect(`${ctx.path}?${params}`)
      }
      await next()
    })
  }
  app.use((ctx, next) => (ctx.path === '/favicon.ico' ? favicon(ctx) : next()))
  app.use(serve(dir, { maxage: 0 }))
  const server = app.listen(port)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? portInUse('TV_PORT', port) : err))
  })
  return {
    url: `http://localhost:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}
