// `npm start`: the account service, the built TV app beside it, and a demo account on first run.
import { startServer } from './app'
import { ConfigError, tvAppServing } from './config'
import { ensureDemoAccount } from './demo'
import { serveTvApp } from './tvApp'

try {
  // Checked before anything listens, so a TV_PORT equal to PORT is named as the setting's mistake.
  const tvApp = tvAppServing(process.env)
  // The demo account exists before the service answers its first request (it says 503 "starting" until then).
  const made: { demo: { email: string; password: string } | null } = { demo: null }
  const service = await startServer({
    prepare: async ({ store, config }) => {
      if (!config.databaseUrl) made.demo = await ensureDemoAccount(store, config.dataDir)
    },
  })
  const { config } = service
  const { demo } = made
  const tv = tvApp ? await serveTvApp(tvApp.dir, tvApp.port, config.port) : null
  console.info(`\nTenfoot is running.
  TV app:          ${tv ? `http://localhost:${config.tvPort}  (keyboard = remote: arrows, Enter, Backspace/Escape = Back)` : `not served: build it first (${config.tvAppDir} is missing)`}
  Phone sign-in:   ${config.publicUrl}/tv
  Account page:    ${config.publicUrl}/account
  Service API:     ${config.publicUrl}  (data in ${config.dataDir})${demo ? `\n  Demo account:    ${demo.email} / ${demo.password}` : ''}\n`)
  const stop = async () => {
    await tv?.close()
    await service.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
} catch (err) {
  console.error(err instanceof ConfigError ? `\n${err.message}\n` : err)
  process.exit(1)
}
