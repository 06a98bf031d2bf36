// Server-rendered pages: Nunjucks with autoescaping on, so nothing a user or a TV sends can become markup.
import nunjucks from 'nunjucks'
import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Context } from 'koa'
import { ago, plural } from '../words'

const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(dirname(fileURLToPath(import.meta.url)), { noCache: false }), {
  autoescape: true,
  throwOnUndefined: false,
})

/** "12345678" → "1234 5678", the grouping the TV shows. */
env.addFilter('grouped', (code: unknown) => String(code ?? '').replace(/\D/g, '').replace(/(\d{4})(?=\d)/g, '$1 '))
// A moment three ways, for <time>: machine-readable, exact in UTC (its title), and how long ago (its text).
env.addFilter('iso', (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString() : ''))
env.addFilter('when', (ms: unknown) => (typeof ms === 'number' ? new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—'))
env.addFilter('ago', (ms: unknown) => (typeof ms === 'number' ? ago(ms) : '—'))
// "1 device", "3 devices": words.ts's plural, so pages and messages agree.
env.addFilter('plural', (n: unknown, noun: string) => plural(Number(n), noun))

export function render(ctx: Context, template: string, data: Record<string, unknown> = {}, status?: number): void {
  ctx.type = 'html'
  // Every page is made for one viewer (their account, devices, a form token): never kept, so Back after signing out
  // asks the service again instead of showing the old page.
  ctx.set('Cache-Control', 'no-store')
  if (status) ctx.status = status
  ctx.body = env.render(`${template}.njk`, { nonce: ctx.state.nonce, csrf: ctx.state.csrf, ...data })
}

/**
 * A phone's TV sign-in that is over (finished, cancelled, timed out, sent again with Back or a reload, or opened in
 * another browser): what may have happened and the way on, instead of oidc-provider's bare error.
 */
export function renderSignInEnded(ctx: Context): void {
  render(ctx, 'message', {
    title: 'This sign-in has ended',
    message: 'It was finished, cancelled or timed out, or it was started in another browser. If your TV is not signed in yet, open the sign-in page again and enter the code your TV shows.',
    tone: 'error',
    next: { href: '/tv', label: 'Enter the code' },
  }, 400)
}
