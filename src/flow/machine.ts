// The Tenfoot statechart: the single source of truth for which screen shows, which overlay is open, the session and all I/O.
import { assign, fromCallback, fromPromise, not, setup, stateIn, type EventObject } from 'xstate'
import { notices, PasswordRefused, sections, type FlowContext, type FlowEvent, type FlowInput, type NetworkCheck, type Pairing, type Plan, type Restored, type Section, type Session } from './types'

const sectionTransition = (section: Section) => ({
  guard: { type: 'sectionIs' as const, params: { section } },
  target: `.${section}`,
})

/** Back on a section other than Home goes Home; the menu region handles Back while it is open. */
const backHome = { guard: 'menuClosed' as const, target: '#tenfoot.signedIn.page.home' }

/** How long loaded plans are shown again without asking the service: prices do not change while someone browses. */
export const PLANS_FRESH_MS = 10 * 60_000

/** An error's words for the screen: actors reject with an Error whose message is already user-facing. */
const messageOf = (error: unknown) => (error instanceof Error ? error.message : 'Something went wrong. Please try again.')

/** Real implementations come from src/flow/actors.ts; these defaults keep the machine runnable on its own. */
const defaults = {
  actors: {
    restoreSession: fromPromise<Restored>(async () => ({ session: null, notice: null })),
    requestPairing: fromPromise<Pairing, { planId: string | null }>(async () => {
      throw new Error('No account service')
    }),
    pollPairing: fromCallback<EventObject, { pairing: Pairing }>(() => undefined),
    signIn: fromPromise<Session, { email: string; password: string }>(async () => {
      throw new Error('No account service')
    }),
    loadPlans: fromPromise<Plan[]>(async () => []),
    checkService: fromPromise<NetworkCheck>(async () => ({ result: 'unreachable' })),
    signOut: fromPromise<void, { session: Session | null }>(async () => undefined),
    watchSession: fromCallback<EventObject, { session: Session }>(() => undefined),
  },
  actions: {
    exitApp: (): void => undefined,
    /** Keep the session across restarts (SDK Storage in the app). */
    persistSession: (_: unknown, _params: { session: Session }): void => undefined,
    /** Forget the session on this TV at once, whatever the network does. */
    forgetSession: (): void => undefined,
  },
  delays: {
    // 1 s, 2 s, 4 s … capped at 30 s: quick to recover, gentle on a struggling service.
    backoff: (({ context }: { context: FlowContext }) => Math.min(1000 * 2 ** context.attempt, 30_000)) as number | ((args: { context: FlowContext }) => number),
  },
}

/** What the app (or a test) puts in place of the defaults. */
export interface FlowImplementations {
  actors?: Partial<typeof defaults.actors>
  actions?: Partial<typeof defaults.actions>
  delays?: Partial<typeof defaults.delays>
}

const flowSetupWith = (impl: FlowImplementations) =>
  setup({
    types: {} as { context: FlowContext; events: FlowEvent; input: FlowInput },
    actors: { ...defaults.actors, ...impl.actors },
    guards: {
      sectionIs: ({ event }, params: { section: Section }) => event.type === 'menu.select' && event.section === params.section,
      // State values, not '#ids': xstate parses an id's path on every check (12–17 µs against 3–4 µs, README "Performance").
      menuClosed: stateIn({ signedIn: { menu: 'closed' } }),
      onHome: stateIn({ signedIn: { page: 'home' } }),
      noDialog: not(stateIn({ signedIn: { page: { getHelp: 'confirmSignOut' } } })),
      plansFresh: ({ context }) => context.plans.length > 0 && Date.now() - context.plansLoadedAt < PLANS_FRESH_MS,
    },
    actions: {
      ...defaults.actions,
      ...impl.actions,
      clearPairing: assign({ pairing: null, reconnecting: false, notice: null, error: null, attempt: 0 }),
    },
    delays: { ...defaults.delays, ...impl.delays },
  })

/** For typing the state configs below; the machine itself is made by createFlowMachine. */
const flowSetup = flowSetupWith({})

/** Ask for a code, show it while polling, replace it when it expires or is refused; back off while offline. */
const pairing = flowSetup.createStateConfig({
  initial: 'requesting',
  states: {
    requesting: {
      // Try Again while it is already trying by itself (the failure still shows): start afresh, now.
      on: { retry: { target: 'requesting', reenter: true, actions: assign({ attempt: 0 }) } },
      invoke: {
        id: 'requestPairing',
        src: 'requestPairing',
        input: ({ context }) => ({ planId: context.planId }),
        onDone: { target: 'showing', actions: assign({ pairing: ({ event }) => event.output, attempt: 0, reconnecting: false, error: null }) },
        onError: { target: 'offline', actions: assign({ error: ({ event }) => messageOf(event.error), reconnecting: true }) },
      },
    },
    showing: {
      invoke: { id: 'pollPairing', src: 'pollPairing', input: ({ context }) => ({ pairing: context.pairing as Pairing }) },
      on: {
        'pairing.approved': {
          target: '#tenfoot.signedIn',
          actions: [
            assign({ session: ({ event }) => event.session, pairing: null, notice: null, reconnecting: false }),
            { type: 'persistSession', params: ({ event }) => ({ session: event.session }) },
          ],
        },
        'pairing.expired': { target: 'requesting', actions: assign({ notice: notices.codeExpired }) },
        'pairing.denied': { target: 'requesting', actions: assign({ notice: notices.pairingDenied }) },
        'pairing.failed': { target: 'requesting', actions: assign({ notice: ({ event }) => event.message }) },
        'pairing.reconnecting': { actions: assign({ reconnecting: true }) },
        'pairing.connected': { actions: assign({ reconnecting: false }) },
      },
    },
    offline: {
      after: { backoff: { target: 'requesting', actions: assign({ attempt: ({ context }) => context.attempt + 1 }) } },
      on: { retry: { target: 'requesting', actions: assign({ attempt: 0 }) } },
    },
  },
})

/**
 * The statechart with the given implementations. xstate builds every state node when a machine is made (about 35 ms of
 * a 4× CPU launch), so the app makes it once, with its own actors, rather than making the defaults and `provide`-ing.
 */
export const createFlowMachine = (impl: FlowImplementations = {}) =>
  flowSetupWith(impl).createMachine({
    id: 'tenfoot',
    initial: 'boot',
    context: ({ input }) => ({
      session: null,
      device: input.device,
      notice: null,
      pairing: null,
      reconnecting: false,
      networkCheck: null,
      plans: [],
      plansLoadedAt: 0,
      planId: null,
      email: '',
      error: null,
      passwordRefused: false,
      attempt: 0,
    }),
    states: {
      boot: {
        invoke: {
          id: 'restoreSession',
          src: 'restoreSession',
          onDone: [
            {
              guard: ({ event }) => event.output.session !== null,
              target: 'signedIn',
              actions: assign({ session: ({ event }) => event.output.session }),
            },
            { target: 'signedOut', actions: assign({ notice: ({ event }) => event.output.notice }) },
          ],
          onError: { target: 'signedOut' },
        },
      },
      signedIn: {
        type: 'parallel',
        // Watches for a sign-out made elsewhere for as long as the TV is signed in, and no longer.
        invoke: {
          id: 'watchSession',
          src: 'watchSession',
          input: ({ context }) => ({ session: context.session as Session }),
        },
        on: {
          'session.revoked': {
            target: '#tenfoot.signedOut',
            actions: ['forgetSession', assign({ session: null, notice: notices.remoteSignOut })],
          },
          'session.refreshed': {
            actions: [
              assign({ session: ({ event }) => event.session }),
              { type: 'persistSession', params: ({ event }) => ({ session: event.session }) },
            ],
          },
        },
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
                entry: assign({ networkCheck: null }),
                states: {
                  options: { on: { 'help.signOut': 'confirmSignOut', 'help.checkNetwork': 'checkingNetwork', 'nav.back': backHome } },
                  // Check your network: is this TV online, and do Tenfoot's servers answer? The list stays usable meanwhile.
                  checkingNetwork: {
                    entry: assign({ networkCheck: { result: 'checking' } as NetworkCheck }),
                    invoke: {
                      id: 'checkService',
                      src: 'checkService',
                      onDone: { target: 'options', actions: assign({ networkCheck: ({ event }) => event.output }) },
                      onError: { target: 'options', actions: assign({ networkCheck: { result: 'unreachable' } as NetworkCheck }) },
                    },
                    on: { 'help.signOut': 'confirmSignOut', 'nav.back': backHome },
                  },
                  confirmSignOut: {
                    on: { 'confirm.no': 'options', 'nav.back': 'options', 'confirm.yes': '#tenfoot.signingOut' },
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
              open: { on: { 'menu.close': 'closed', 'menu.select': 'closed', 'nav.back': 'closed' } },
              // Opened by Back on Home: the user is backing out, so Back once more asks to exit.
              openAtRoot: { on: { 'menu.close': 'closed', 'menu.select': 'closed', 'nav.back': 'confirmExit' } },
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
        entry: 'forgetSession',
        invoke: {
          id: 'signOut',
          src: 'signOut',
          input: ({ context }) => ({ session: context.session }),
          onDone: { target: 'signedOut', actions: assign({ session: null }) },
          // A failed revoke never keeps the user signed in on this TV; the actor queues the revoke for later.
          onError: { target: 'signedOut', actions: assign({ session: null }) },
        },
      },
      signedOut: {
        initial: 'welcome',
        states: {
          welcome: {
            initial: 'idle',
            on: {
              'welcome.logIn': { target: 'chooseSignIn', actions: assign({ notice: null }) },
              'welcome.getStarted': { target: 'plans', actions: assign({ notice: null }) },
            },
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
          chooseSignIn: {
            on: {
              'signin.usePhone': { target: 'usePhone', actions: assign({ planId: null }) },
              'signin.useRemote': 'useRemote',
              'nav.back': 'welcome',
            },
          },
          usePhone: {
            on: {
              'nav.back': { target: 'chooseSignIn', actions: 'clearPairing' },
              'signin.useRemote': { target: 'useRemote', actions: 'clearPairing' },
            },
            ...pairing,
          },
          useRemote: {
            initial: 'email',
            exit: assign({ error: null }),
            states: {
              email: {
                on: {
                  'remote.email': { target: 'password', actions: assign({ email: ({ event }) => event.email, error: null }) },
                  'nav.back': '#tenfoot.signedOut.chooseSignIn',
                },
              },
              password: {
                on: {
                  // The last error goes as the new try starts, so the same error again is news, said again.
                  'remote.password': { target: 'submitting', actions: assign({ error: null, passwordRefused: false }) },
                  'nav.back': { target: 'email', actions: assign({ error: null }) },
                },
              },
              submitting: {
                // Back while the service is slow: the password again, not a wait for the answer.
                on: { 'nav.back': { target: 'password', actions: assign({ error: null }) } },
                invoke: {
                  id: 'signIn',
                  src: 'signIn',
                  input: ({ context, event }) => ({
                    email: context.email,
                    password: event.type === 'remote.password' ? event.password : '',
                  }),
                  onDone: {
                    target: '#tenfoot.signedIn',
                    actions: [
                      assign({ session: ({ event }) => event.output, error: null }),
                      { type: 'persistSession', params: ({ event }) => ({ session: event.output }) },
                    ],
                  },
                  // The form stays usable: back to the password with the reason shown.
                  onError: {
                    target: 'password',
                    actions: assign({ error: ({ event }) => messageOf(event.error), passwordRefused: ({ event }) => event.error instanceof PasswordRefused }),
                  },
                },
              },
            },
          },
          plans: {
            initial: 'loading',
            // Left while it tries again by itself: the next Get Started starts afresh ("Loading plans…"), not with the
            // last visit's failure and its back-off.
            exit: assign({ attempt: 0, error: null }),
            on: { 'nav.back': 'welcome' },
            states: {
              loading: {
                // Opened again soon after: the plans already loaded, without "Loading plans…" and a round trip.
                always: { guard: 'plansFresh', target: 'choosing' },
                // Try Again while it is already trying by itself (the failure still shows): "Loading plans…", afresh.
                on: { retry: { target: 'loading', reenter: true, actions: assign({ attempt: 0 }) } },
                invoke: {
                  id: 'loadPlans',
                  src: 'loadPlans',
                  onDone: { target: 'choosing', actions: assign({ plans: ({ event }) => event.output, plansLoadedAt: () => Date.now(), error: null, attempt: 0 }) },
                  onError: { target: 'failed', actions: assign({ error: ({ event }) => messageOf(event.error) }) },
                },
              },
              choosing: {
                on: { 'plans.choose': { target: '#tenfoot.signedOut.planChosen', actions: assign({ planId: ({ event }) => event.planId }) } },
              },
              failed: {
                after: { backoff: { target: 'loading', actions: assign({ attempt: ({ context }) => context.attempt + 1 }) } },
                on: { retry: { target: 'loading', actions: assign({ attempt: 0 }) } },
              },
            },
          },
          // Like Use Phone, but the QR opens sign-up with the plan chosen; the TV is signed in when the phone finishes.
          planChosen: {
            on: { 'nav.back': { target: '#tenfoot.signedOut.plans.choosing', actions: 'clearPairing' } },
            ...pairing,
          },
        },
      },
      /** Where a platform without an exit API (a desktop browser) lands after "Exit Tenfoot? Yes". */
      exited: { on: { 'app.resume': 'boot' } },
    },
  })

