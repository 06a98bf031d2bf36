// Builds the account service: our routes and oidc-provider in one Koa app, on one validated config and one database.
import bodyParser from '@koa/bodyparser'
import Koa from 'koa'
import mount from 'koa-mount'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { sweepExpired } from './adapter'
import { apiRoutes } from './api'
import { ConfigError, loadConfig, portInUse, portSetting, type Config } from './config'
import { openStore, sharedKeys, type Store } from './db'
import { memoryBus, postgresBus, type SignOutBus } from './events'
import { cors, csrf, errors, originPolicy, securityHeaders } from './http'
import { createLimits } from './limits'
import { createProvider } from './provider'
import { webRoutes } from './web'

export interface RunningServer {
  url: string
  config: Config
  store: Store
  bus: SignOutBus
  server: Server
  close(): Promise<void>
}

export interface StartOptions {
  port?: number
  host?: string
  publicUrl?: string
  dataDir?: string
  deviceCodeTtl?: number
  env?: NodeJS.ProcessEnv
  /**
   * Runs once the database is open and before the service answers anything but 503: what must exist before the first
   * request (the demo account). Without it, a request in the first moments could find that account missing.
   */
  prepare?: (service: { store: Store; config: Config }) => Promise<void>
}

/** oidc-provider reads these bodies itself; parsing them here would take the stream it needs. */
const providerPosts = new Set(['/tv', '/token', '/token/revocation', '/device/auth'])

export async function startServer(opts: StartOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env
  // Until the app is ready, answer 503 rather than hold a load balancer's or a TV's request open with no handler.
  const starting = (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(503, { 'content-type': 'application/json', 'retry-after': '1' })
    res.end(JSON.stringify({ error: 'starting', error_description: 'The service is starting. Try again in a second.' }))
  }
  // Checked like every setting (a bad PORT is named, not a socket's RangeError), and first: it is needed before the rest.
  const requestedPort = opts.port ?? portSetting(env)
  const server = createServer(starting)
  // Listen first, so a test's port 0 becomes a real port before the issuer URL is fixed.
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? portInUse('PORT', requestedPort) : err))
    server.listen(requestedPort, opts.host ?? env.HOST ?? '0.0.0.0', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  try {
    const config = loadConfig(env, {
      port,
      dataDir: opts.dataDir,
      deviceCodeTtl: opts.deviceCodeTtl,
      publicUrl: opts.publicUrl ?? (requestedPort === 0 && !env.PUBLIC_URL ? `http://127.0.0.1:${port}` : undefined),
    })
    const store = await openStore(config)
    if (store.dialect === 'postgres') {
      const keys = await sharedKeys(store, { ...config.keys, development: !config.production })
      if (config.production && keys.development) throw new ConfigError('DATABASE_URL', 'its service_keys row holds development keys; delete it so production keys are stored')
      config.keys = keys
    }
    const bus = store.pool ? await postgresBus(store.pool) : memoryBus()
    const limits = await createLimits(store)
    const allowOrigin = originPolicy(config)
    const provider = createProvider({ config, store, bus, limits, allowOrigin })

    const app = new Koa()
    app.keys = config.keys.cookies
    // Behind a load balancer, the client is the address it added to X-Forwarded-For, not the balancer: rate limits are
    // per viewer, not one shared by all. Only the last TRUST_PROXY entries are believed; earlier ones a client can forge.
    app.proxy = config.trustProxy > 0
    app.maxIpsCount = config.trustProxy
    app.use(errors)
    app.use(securityHeaders(config))
    app.use(cors(allowOrigin))
    const parse = bodyParser({ enableTypes: ['json', 'form'], jsonLimit: '16kb', formLimit: '16kb', encoding: 'utf-8' })
    app.use((ctx, next) => (ctx.method === 'POST' && providerPosts.has(ctx.path) ? next() : parse(ctx, next)))
    app.use(csrf(config))
    const api = apiRoutes({ store, bus, limits, provider })
    const web = webRoutes({ config, store, bus, limits, provider })
    app.use(api.routes())
    app.use(web.routes())
    app.use(mount(provider as unknown as Koa))
    app.on('error', (err: { status?: number; code?: string }) => {
      // A viewer closing the page mid-response is normal, not a server fault.
      if (err.code === 'ERR_STREAM_PREMATURE_CLOSE' || err.code === 'ECONNRESET') return
      if (!err.status || err.status >= 500) console.error('[http]', err)
    })
    await opts.prepare?.({ store, config })
    server.off('request', starting)
    server.on('request', app.callback())

    const sweeper = setInterval(() => void sweepExpired(store).catch((e) => console.error('[sweep]', e)), 3600_000)
    sweeper.unref()
    return {
      url: `http://127.0.0.1:${port}`,
      config,
      store,
      bus,
      server,
      close: async () => {
        clearInterval(sweeper)
        server.closeAllConnections()
        await new Promise<void>((resolve) => server.close(() => resolve()))
        await bus.close()
        await store.close()
      },
    }
  } catch (err) {
    server.close()
    throw err
  }
}
