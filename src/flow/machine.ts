// The Tenfoot statechart: the single source of truth for which screen shows, which overlay is open, and the session.
import { assign, fromPromise, not, setup, stateIn } from 'xstate'
import { sections, type FlowContext, type FlowEvent, type FlowInput, type Section, type Session } from './types'

const sectionTransition = (section: Section) => ({
  guard: { type: 'sectionIs' as const, params: { section } },
  target: `.${section}`,
})

/** Back on a section other than Home goes Home; the menu region handles Back while it is open. */
const backHome = { guard: 'menuClosed' as const, target: '#tenfoot.signedIn.page.home' }

export const flowMachine = setup({
  types: {} as { context: FlowContext; events: FlowEvent; input: FlowInput },
  actors: {
    // Real implementations are provided by the app (Storage, account service); these defaults keep the machine runnable alone.
    restoreSession: fromPromise<Session | null>(async () => null),
    signOut: fromPromise<void, { session: Session | null }>(async () => undefined),
  },
  guards: {
    sectionIs: ({ event }, params: { section: Section }) =>
      event.type === 'menu.select' && event.section === params.section,
    menuClosed: stateIn('#tenfoot.signedIn.menu.closed'),
    onHome: stateIn('#tenfoot.signedIn.page.home'),
    noDialog: not(stateIn('#tenfoot.signedIn.page.getHelp.confirmSignOut')),
  },
  actions: {
    exitApp: () => undefined,
    clearNotice: assign({ notice: null }),
  },
}).createMachine({
  id: 'tenfoot',
  initial: 'boot',
  context: ({ input }) => ({ session: null, device: input.device, notice: null }),
  states: {
    boot: {
      invoke: {
        id: 'restoreSession',
        src: 'restoreSession',
        onDone: [
          {
            guard: ({ event }) => event.output !== null,
            target: 'signedIn',
            actions: assign({ session: ({ event }) => event.output }),
          },
          { target: 'signedOut' },
        ],
        onError: { target: 'signedOut' },
      },
    },
    signedIn: {
      type: 'parallel',
      states: {
        page: {
          initial: 'home',
          on: { 'menu.select': sections.map(sectionTransition) },
          states: {
            // Back on Home is the menu region's: it opens the menu on the way out of the app.
            home: {},
            search: { on: { 'nav.back': backHome } },
            tvShows: { on: { 'nav.back': backHome } },
            movies: { on: { 'nav.back': backHome } },
            myList: { on: { 'nav.back': backHome } },
            getHelp: {
              initial: 'options',
              states: {
                options: { on: { 'help.signOut': 'confirmSignOut', 'nav.back': backHome } },
                confirmSignOut: {
                  on: {
                    'confirm.no': 'options',
                    'nav.back': 'options',
                    'confirm.yes': '#tenfoot.signingOut',
                  },
                },
              },
            },
          },
        },
        menu: {
          initial: 'closed',
          states: {
            closed: {
              on: {
                'menu.open': { guard: 'noDialog', target: 'open' },
                'nav.back': { guard: 'onHome', target: 'openAtRoot' },
              },
            },
            // Opened with Left from the content: Back undoes that and closes it.
            open: {
              on: { 'menu.close': 'closed', 'menu.select': 'closed', 'nav.back': 'closed' },
            },
            // Opened by Back on Home: the user is backing out, so Back once more asks to exit.
            openAtRoot: {
              on: { 'menu.close': 'closed', 'menu.select': 'closed', 'nav.back': 'confirmExit' },
            },
            confirmExit: {
              on: {
                'confirm.no': 'openAtRoot',
                'nav.back': 'openAtRoot',
                'confirm.yes': { target: '#tenfoot.exited', actions: 'exitApp' },
              },
            },
          },
        },
      },
    },
    signingOut: {
      invoke: {
        id: 'signOut',
        src: 'signOut',
        input: ({ context }) => ({ session: context.session }),
        onDone: { target: 'signedOut', actions: assign({ session: null }) },
        // A failed revoke must never keep the user signed in on this TV.
        onError: { target: 'signedOut', actions: assign({ session: null }) },
      },
    },
    signedOut: {
      initial: 'welcome',
      states: {
        welcome: {
          initial: 'idle',
          states: {
            idle: { on: { 'nav.back': 'confirmExit' } },
            confirmExit: {
              on: {
                'confirm.no': 'idle',
                'nav.back': 'idle',
                'confirm.yes': { target: '#tenfoot.exited', actions: 'exitApp' },
              },
            },
          },
        },
      },
    },
    /** Where a platform without an exit API (a desktop browser) lands after "Exit Tenfoot? Yes". */
    exited: { on: { 'app.resume': 'boot' } },
  },
})

