// The TV's and the phone's side of the service's API, shared by the service tests: over real HTTP, as the TV and a phone do.
import * as oauth from 'openid-client'
import { expect } from 'vitest'
import { Phone, text, type Page } from './phone'
import { demo } from './service'

export async function tvClient(url: string) {
  return oauth.discovery(new URL(url), 'tenfoot-tv', undefined, oauth.None(), { execute: [oauth.allowInsecureRequests] })
}

export const tvParams = { scope: 'openid offline_access', device_name: 'Living Room TV', device_platform: 'Samsung', device_model: 'QN90' }

/** The phone opens the QR's URL, checks the code and the TV, signs in and confirms. */
export async function approveOnPhone(phone: Phone, completeUri: string, userCode: string, account = demo): Promise<Page> {
  const codePage = await phone.get(completeUri)
  expect(codePage.html).toContain(`value="${userCode}"`)
  const confirm = await phone.submit(codePage, {})
  expect(text(confirm)).toContain(`Sign in on Living Room TV (Samsung)? Check that your TV shows ${userCode}`)
  const login = await phone.submit(confirm, { confirm: 'yes' })
  expect(text(login)).toContain('Sign in')
  return phone.submit(login, { email: account.email, password: account.password })
}

export async function tvSignIn(url: string, name: string, password = demo.password) {
  const res = await fetch(`${url}/api/signin`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ client_id: 'tenfoot-tv', email: demo.email, password, device_name: name, device_platform: 'LG', device_model: 'OLED55' }),
  })
  return { status: res.status, body: (await res.json()) as { access_token: string; refresh_token: string; error?: string; error_description?: string } }
}

export const session = (url: string, token: string) => fetch(`${url}/api/session`, { headers: { authorization: `Bearer ${token}` } })

export async function refresh(url: string, refreshToken: string) {
  const res = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: 'tenfoot-tv' }),
  })
  return { status: res.status, body: (await res.json()) as { error?: string } }
}

export async function accountPhone(url: string) {
  const phone = new Phone(url)
  const signIn = await phone.get('/account/devices')
  expect(text(signIn)).toContain('Sign in to Tenfoot')
  const devices = await phone.submit(signIn, { email: demo.email, password: demo.password })
  expect(text(devices)).toContain('Manage Access and Devices')
  return { phone, devices }
}

/** Sign Out of All Devices as a person does it: the button, then the same button again on the question it asks. */
export async function signOutAllDevices(phone: Phone, devices: Page): Promise<Page> {
  const asked = await phone.submit(devices, {}, /sign-out-all/)
  expect(text(asked)).toMatch(/Sign out of all \d+ devices?\?/)
  return phone.submit(asked, {}, /sign-out-all/)
}

/** Opens the TV's sign-out stream and resolves with the first named event. */
export function listen(url: string, token: string) {
  const controller = new AbortController()
  const opened = fetch(`${url}/api/session/events?access_token=${encodeURIComponent(token)}`, { signal: controller.signal })
  let markReady: () => void = () => undefined
  /** Resolves once the service's first bytes arrive: it has subscribed this stream, so no sign-out can slip past. */
  const ready = new Promise<void>((resolve) => (markReady = resolve))
  const event = opened.then(async (res) => {
    expect(res.headers.get('content-type')).toContain('text/event-stream')
    const reader = res.body!.getReader()
    let buffer = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) return null
      markReady()
      buffer += new TextDecoder().decode(value)
      const match = /event: ([\w-]+)\n/.exec(buffer)
      if (match) return match[1]
    }
  }).catch(() => null) // aborted by the test: no event
  return { event, ready: Promise.race([ready, event.then(() => undefined)]), close: () => controller.abort() }
}
