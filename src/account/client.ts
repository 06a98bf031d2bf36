// The TV's typed client of the account service. Calls never throw: each returns a result the statechart can act on.
import type { Pairing, Plan, Session } from '../flow/types'

export type { Pairing, Plan }

export const CLIENT_ID = 'tenfoot-tv'
export const SCOPE = 'openid offline_access'
const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code'

export interface DeviceDescription {
  name: string
  platform: string
  model: string
}

export interface AccountInfo {
  account: { email: string; name?: string }
  device: { id: string; name: string; platform: string; model: string }
}

/** What went wrong, in words a TV user can act on. */
export type Failure =
  | { kind: 'network'; message: string }
  | { kind: 'refused'; status: number; error: string; message: string }

export type Result<T> = { ok: true; value: T } | ({ ok: false } & Failure)

export type PollResult =
  | { kind: 'approved'; session: Session }
  | { kind: 'pending' }
  | { kind: 'slowDown' }
  | { kind: 'denied' }
  | { kind: 'expired' }
  | { kind: 'network' }
  | { kind: 'failed'; message: string }

export const offlineMessage = 'Tenfoot can’t reach its servers. Check your network; we’ll keep trying.'

interface TokenResponse {
  access_token: string
  refresh_token?: string
  expires_in?: number
}

function toSession(t: TokenResponse, previous?: Session): Session {
  return {
    accessToken: t.access_token,
    refreshToken: t.refresh_token ?? previous?.refreshToken,
    expiresAt: typeof t.expires_in === 'number' ? Date.now() + t.expires_in * 1000 : undefined,
    ...(previous?.account ? { account: previous.account } : {}),
  }
}

export class AccountClient {
  constructor(
    readonly baseUrl: string,
    private readonly fetchImpl: typeof fetch = (...args) => fetch(...args),
    // Long enough for a slow service (5 s) to answer a call and its CORS preflight; a dead one is still noticed.
    private readonly timeoutMs = 15_000,
  ) {}

  private async call<T>(path: string, init: RequestInit): Promise<Result<T>> {
    const controller = typeof AbortController === 'function' ? new AbortController() : undefined
    const timer = controller ? setTimeout(() => controller.abort(), this.timeoutMs) : undefined
    try {
      const res = await this.fetchImpl(this.baseUrl + path, { ...init, signal: controller?.signal })
      const text = await res.text()
      let body: unknown = null
      try {
        body = text ? JSON.parse(text) : null
      } catch {
        // A proxy's HTML error page or a truncated body: treat as the service being unwell, never crash.
        return { ok: false, kind: 'network', message: offlineMessage }
      }
      if (res.ok) return { ok: true, value: body as T }
      const err = (body ?? {}) as { error?: string; error_description?: string }
      if (res.status >= 500) return { ok: false, kind: 'network', message: offlineMessage }
      return {
        ok: false,
        kind: 'refused',
        status: res.status,
        error: err.error ?? 'http_' + res.status,
        message: err.error_description ?? 'Something went wrong. Please try again.',
      }
    } catch {
      return { ok: false, kind: 'network', message: offlineMessage }
    } finally {
      if (timer) clearTimeout(timer)
    }
  }

  private form(path: string, fields: Record<string, string>) {
    return this.call<unknown>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    })
  }

  async requestPairing(device: DeviceDescription, planId?: string): Promise<Result<Pairing>> {
    const r = await this.form('/device/auth', {
      client_id: CLIENT_ID,
      scope: SCOPE,
      device_name: device.name,
      device_platform: device.platform,
      device_model: device.model,
    })
    if (!r.ok) return r
    const b = r.value as {
      device_code: string
      user_code: string
      verification_uri: string
      verification_uri_complete: string
      expires_in: number
      interval?: number
    }
    const withPlan = (url: string) => (planId ? `${url}${url.includes('?') ? '&' : '?'}plan=${encodeURIComponent(planId)}` : url)
    return {
      ok: true,
      value: {
        deviceCode: b.device_code,
        userCode: b.user_code,
        verificationUri: b.verification_uri,
        verificationUriComplete: withPlan(b.verification_uri_complete),
        expiresAt: Date.now() + b.expires_in * 1000,
        interval: b.interval ?? 5,
      },
    }
  }

  async pollPairing(deviceCode: string): Promise<PollResult> {
    const r = await this.form('/token', { grant_type: DEVICE_CODE_GRANT, device_code: deviceCode, client_id: CLIENT_ID })
    if (r.ok) return { kind: 'approved', session: toSession(r.value as TokenResponse) }
    if (r.kind === 'network') return { kind: 'network' }
    switch (r.error) {
      case 'authorization_pending':
        return { kind: 'pending' }
      case 'slow_down':
        return { kind: 'slowDown' }
      case 'access_denied':
        return { kind: 'denied' }
      case 'expired_token':
        return { kind: 'expired' }
      default:
        return { kind: 'failed', message: r.message }
    }
  }

  async refresh(session: Session): Promise<Result<Session>> {
    if (!session.refreshToken) return { ok: false, kind: 'refused', status: 400, error: 'invalid_grant', message: 'No refresh token.' }
    const r = await this.form('/token', { grant_type: 'refresh_token', refresh_token: session.refreshToken, client_id: CLIENT_ID })
    return r.ok ? { ok: true, value: toSession(r.value as TokenResponse, session) } : r
  }

  async revoke(session: Session): Promise<Result<unknown>> {
    const token = session.refreshToken ?? session.accessToken
    return this.form('/token/revocation', {
      token,
      token_type_hint: session.refreshToken ? 'refresh_token' : 'access_token',
      client_id: CLIENT_ID,
    })
  }

  whoAmI(session: Session): Promise<Result<AccountInfo>> {
    return this.call<AccountInfo>('/api/session', { headers: { authorization: `Bearer ${session.accessToken}` } })
  }

  async signIn(email: string, password: string, device: DeviceDescription): Promise<Result<Session>> {
    const r = await this.call<TokenResponse>('/api/signin', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: CLIENT_ID,
        email,
        password,
        device_name: device.name,
        device_platform: device.platform,
        device_model: device.model,
      }),
    })
    return r.ok ? { ok: true, value: toSession(r.value) } : r
  }

  /** The service's health check: whether it answers at all. */
  health(): Promise<Result<unknown>> {
    return this.call<unknown>('/healthz', {})
  }

  plans(): Promise<Result<Plan[]>> {
    return this.call<Plan[]>('/api/plans', {})
  }

  pairingEventsUrl(deviceCode: string): string {
    return `${this.baseUrl}/api/pairing/events?device_code=${encodeURIComponent(deviceCode)}`
  }

  eventsUrl(session: Session): string {
    return `${this.baseUrl}/api/session/events?access_token=${encodeURIComponent(session.accessToken)}`
  }
}
