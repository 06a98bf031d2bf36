// The statechart's vocabulary: what it remembers, what it hears, and what it asks the outside world to do.

/** The tokens the TV holds for a signed-in session, as kept in Storage. */
export interface Session {
  accessToken: string
  refreshToken?: string
  /** Epoch milliseconds after which the access token must be refreshed. */
  expiresAt?: number
}

/** How the TV describes itself, shown in Get Help → About this device. */
export interface DeviceInfo {
  platform: 'browser' | 'tizen' | 'webos'
  platformLabel: string
  model: string
  name: string
  appVersion: string
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
  | { type: 'confirm.yes' }
  | { type: 'confirm.no' }
  | { type: 'welcome.logIn' }
  | { type: 'welcome.getStarted' }
  | { type: 'app.resume' }

export interface FlowContext {
  session: Session | null
  device: DeviceInfo
  /** A one-off message for the next screen, e.g. why the user was signed out. */
  notice: string | null
}

export interface FlowInput {
  device: DeviceInfo
}
