// Which pages may call the service from elsewhere: the TV's origins, and packaged TV apps' opaque origin only on the
// TV's own endpoints, never with credentials, in production too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { demo, startService, withAccount } from '../support/service'

type Service = Awaited<ReturnType<typeof startService>>
let service: Service

beforeAll(async () => {
  // Behind a TLS-terminating balancer, as production runs: it says https in X-Forwarded-Proto.
  service = await startService({ env: { NODE_ENV: 'production', TRUST_PROXY: '1' }, publicUrl: 'https://tv.example.com' })
  await withAccount(service)
})
afterAll(() => service?.close())

const call = (path: string, origin: string, init: RequestInit = {}) =>
  fetch(`${service.url}${path}`, { ...init, headers: { origin, 'x-forwarded-proto': 'https', ...(init.headers ?? {}) } })
const allowed = (res: Response) => res.headers.get('access-control-allow-origin')

describe('CORS in production', () => {
  it('When a packaged TV app (Origin null or file://) calls the TV’s endpoints, then they answer it, and never share credentials', async () => {
    for (const origin of ['null', 'file://']) {
      const plans = await call('/api/plans', origin)
      expect(allowed(plans)).toBe(origin)
      expect(plans.headers.get('access-control-allow-credentials')).toBeNull()
      const preflight = await call('/api/signin', origin, { method: 'OPTIONS', headers: { 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } })
      expect(preflight.status).toBe(204)
      expect(allowed(preflight)).toBe(origin)
      const auth = await call('/device/auth', origin, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'client_id=tenfoot-tv&scope=openid%20offline_access' })
      expect(auth.status).toBe(200)
      expect(allowed(auth)).toBe(origin)
      expect(auth.headers.get('access-control-allow-credentials')).toBeNull()
      expect(allowed(await call('/healthz', origin))).toBe(origin)
    }
  })

  it('When a page with an opaque origin (any sandboxed page can send Origin null) calls anything but the TV’s endpoints, then the browser is not let read the answer', async () => {
    const signIn = await call('/api/signin', 'null', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ client_id: 'tenfoot-tv', email: demo.email, password: demo.password }) })
    const { access_token: token } = (await signIn.json()) as { access_token: string }
    expect(token).toBeTruthy()
    for (const origin of ['null', 'file://']) {
      // oidc-provider's userinfo: the TV never calls it, so a page that got hold of a token learns nothing through it.
      const userinfo = await call('/me', origin, { headers: { authorization: `Bearer ${token}` } })
      expect(allowed(userinfo)).toBeNull()
      expect(allowed(await call('/api/nowhere', origin))).toBeNull()
    }
    // A real site that is not ours is answered nowhere.
    expect(allowed(await call('/api/plans', 'https://evil.example'))).toBeNull()
  })
})
