// The statechart's vocabulary: what it remembers, what it hears, and what it asks the outside world to do.

/** The tokens the TV holds for a signed-in session, as kept in Storage. */
export interface Session {
  accessToken: string
  refreshToken?: string
  /** Epoch milliseconds after which the access token must be refreshed. */
  expiresAt?: number
  /** The account's email, so the TV can say whose account it is signed in to; learnt after sign-in if not typed. */
  account?: string
}

/** How the TV describes itself: to the phone, the device list and Get Help → About this device. */
export interface DeviceInfo {
  platform: 'browser' | 'tizen' | 'webos'
  platformLabel: string
  model: string
  name: string
  appVersion: string
}

/** A pairing code the TV shows while the phone signs in (RFC 8628 device authorization). */
export interface Pairing {
  deviceCode: string
  userCode: string
  verificationUri: string
  verificationUriComplete: string
  /** Epoch ms when the code stops working. */
  expiresAt: number
  /** Seconds between polls, as the server asks. */
  interval: number
}

export interface Plan {
  id: string
  name: string
  monthlyPrice: string
  quality: string
  screens: number
  ads: boolean
}

/** Get Help's check of this TV's connection: under way, or what it found. */
export type NetworkCheck = { result: 'checking' } | { result: 'offline' } | { result: 'unreachable' } | { result: 'reached'; ms: number }

/** What session restore found at launch. */
export interface Restored {
  session: Session | null
  notice: string | null
}

/** The top-level sections of the main menu, in menu order. */
export const sections = ['search', 'home', 'tvShows', 'movies', 'myList', 'getHelp'] as const
export type Section = (typeof sections)[number]

export type FlowEvent =
  | { type: 'menu.open' }
  | { type: 'menu.close' }
  | { type: 'menu.select'; section: Section }
  | { type: 'nav.back' }
  | { type: 'help.signOut' }
  | { type: 'help.checkNetwork' }
  | { type: 'confirm.yes' }
  | { type: 'confirm.no' }
  | { type: 'welcome.logIn' }
  | { type: 'welcome.getStarted' }
  | { type: 'signin.usePhone' }
  | { type: 'signin.useRemote' }
  | { type: 'pairing.approved'; session: Session }
  | { type: 'pairing.expired' }
  | { type: 'pairing.denied' }
  | { type: 'pairing.reconnecting' }
  | { type: 'pairing.connected' }
  | { type: 'pairing.failed'; message: string }
  | { type: 'remote.email'; email: string }
  | { type: 'remote.password'; password: string }
  | { type: 'plans.choose'; planId: string }
  | { type: 'session.revoked' }
  | { type: 'session.refreshed'; session: Session }
  | { type: 'retry' }
  | { type: 'app.resume' }

export interface FlowContext {
  session: Session | null
  device: DeviceInfo
  /** A one-off message for the screen, e.g. why the user was signed out or why the code changed. */
  notice: string | null
  pairing: Pairing | null
  /** True while polling cannot reach the service and is backing off. */
  reconnecting: boolean
  /** The last check of the connection on Get Help; null until one is asked for on this visit. */
  networkCheck: NetworkCheck | null
  plans: Plan[]
  /** When the plans were last loaded (Date.now()), 0 before; Get Started shows them again at once while they are fresh. */
  plansLoadedAt: number
  planId: string | null
  email: string
  /** What went wrong with the last sign-in or request, in words the user can act on. */
  error: string | null
  /** The service refused the typed password: Use Remote empties the field for the next try. */
  passwordRefused: boolean
  /** Consecutive failed attempts, for exponential backoff. */
  attempt: number
}

export interface FlowInput {
  device: DeviceInfo
}

/** A sign-in the service refused for its email and password, as opposed to one it never answered. */
export class PasswordRefused extends Error {}

export const notices = {
  remoteSignOut: 'You were signed out from another device.',
  codeExpired: 'That code expired, so here is a new one.',
  pairingDenied: 'Sign-in was cancelled on the phone. Scan the new code to try again.',
} as const
