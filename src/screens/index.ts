// Which component draws each screen and overlay the statechart can name, with the words they show.
import type { DialogCopy } from '../components/Dialog'
import type { FlowContext } from '../flow/types'
import type { OverlayName, ScreenName } from '../flow/view'
import { theme } from '../theme'
import { ChooseSignIn } from './ChooseSignIn'
import { GetHelp } from './GetHelp'
import { Home } from './Home'
import { Plans } from './Plans'
import { Section } from './Section'
import { Status } from './Status'
import { UsePhone } from './UsePhone'
import { UseRemote } from './UseRemote'
import { Welcome } from './Welcome'

export function screenFor(name: ScreenName, context: FlowContext) {
  switch (name) {
    case 'chooseSignIn':
      return { type: ChooseSignIn }
    case 'usePhone':
      return { type: UsePhone, signUp: false }
    case 'planChosen':
      return { type: UsePhone, signUp: true }
    case 'useRemote':
      return { type: UseRemote }
    case 'plans':
      return { type: Plans }
    case 'home':
      return { type: Home }
    case 'search':
    case 'tvShows':
    case 'movies':
    case 'myList':
      return { type: Section, section: name }
    case 'getHelp':
      return { type: GetHelp, device: context.device, account: context.session?.account }
    case 'welcome':
      return { type: Welcome, notice: context.notice }
    case 'signingOut':
      return { type: Status, copy: { title: 'Signing out…', message: 'This takes a moment.' } }
    case 'exited':
      return {
        type: Status,
        copy: {
          title: `${theme.brand.name} is closed`,
          message: 'You can close this window now, or open it again.',
          action: { label: `Open ${theme.brand.name}`, event: { type: 'app.resume' } as const },
        },
      }
    case 'boot':
      return { type: Status, copy: { title: theme.brand.name, message: 'Loading…' } }
  }
}

/** A dialog's words; signing out names the account, so no one signs out someone else's by mistake on a shared TV. */
export const dialogCopy = (overlay: Exclude<OverlayName, 'menu'>, context: FlowContext): DialogCopy => {
  const copy = dialogs[overlay]
  const account = context.session?.account
  return overlay === 'confirmSignOut' && account ? { ...copy, message: `This TV is signed in to ${account}. ${copy.message}` } : copy
}

const dialogs: Record<Exclude<OverlayName, 'menu'>, DialogCopy> = {
  confirmSignOut: {
    title: `Sign out of ${theme.brand.name}?`,
    message: 'You will need to sign in again to watch on this TV. Your other devices stay signed in.',
    yes: 'Yes',
    no: 'No',
  },
  confirmExit: {
    title: `Exit ${theme.brand.name}?`,
    message: 'You can come back any time from your TV’s home screen.',
    yes: 'Yes',
    no: 'No',
  },
}
