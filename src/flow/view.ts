// What the TV should draw for a snapshot: the screen underneath and the overlay on top. Pure, so tests share it with App.
import type { Section } from './types'

export type SignedOutScreen = 'welcome' | 'chooseSignIn' | 'usePhone' | 'useRemote' | 'plans' | 'planChosen'
export type ScreenName = 'boot' | Section | SignedOutScreen | 'signingOut' | 'exited'
export type OverlayName = 'menu' | 'confirmExit' | 'confirmSignOut'

export interface View {
  screen: ScreenName
  overlay: OverlayName | null
  /**
   * The step inside a screen that has several: Use Remote's email/password/submitting, Plans' loading/choosing/failed,
   * Use Phone's requesting/showing/offline.
   */
  step?: string
}

/** Anything with XState's `matches`, so this module needs no machine import. */
export interface Matchable {
  matches(value: string | Record<string, unknown>): boolean
}

const signedInScreens: Section[] = ['home', 'search', 'tvShows', 'movies', 'myList', 'getHelp']
const signedOutScreens: SignedOutScreen[] = ['welcome', 'chooseSignIn', 'usePhone', 'useRemote', 'plans', 'planChosen']

export function viewOf(snapshot: Matchable): View {
  if (snapshot.matches('signedIn')) {
    const screen = signedInScreens.find((s) => snapshot.matches({ signedIn: { page: s } })) ?? 'home'
    let overlay: OverlayName | null = null
    if (snapshot.matches({ signedIn: { menu: 'open' } }) || snapshot.matches({ signedIn: { menu: 'openAtRoot' } })) overlay = 'menu'
    else if (snapshot.matches({ signedIn: { menu: 'confirmExit' } })) overlay = 'confirmExit'
    else if (snapshot.matches({ signedIn: { page: { getHelp: 'confirmSignOut' } } })) overlay = 'confirmSignOut'
    return { screen, overlay }
  }
  if (snapshot.matches('signedOut')) {
    const screen = signedOutScreens.find((s) => snapshot.matches({ signedOut: s })) ?? 'welcome'
    const overlay = snapshot.matches({ signedOut: { welcome: 'confirmExit' } }) ? 'confirmExit' : null
    const steps: Partial<Record<SignedOutScreen, string[]>> = {
      useRemote: ['email', 'password', 'submitting'],
      plans: ['loading', 'choosing', 'failed'],
      usePhone: ['requesting', 'showing', 'offline'],
      planChosen: ['requesting', 'showing', 'offline'],
    }
    const step = steps[screen]?.find((st) => snapshot.matches({ signedOut: { [screen]: st } }))
    return step ? { screen, overlay, step } : { screen, overlay }
  }
  if (snapshot.matches('signingOut')) return { screen: 'signingOut', overlay: null }
  if (snapshot.matches('exited')) return { screen: 'exited', overlay: null }
  return { screen: 'boot', overlay: null }
}
