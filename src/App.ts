// The root: runs the statechart, draws the screen and overlay it names, routes Back, and feeds the announcer.
import { Component } from './lightning'
import { createActor, type Actor, type SnapshotFrom } from 'xstate'
import { AccountClient } from './account/client'
import { openEventStream } from './account/stream'
import { announce, type Announces } from './announcer'
import { Dialog } from './components/Dialog'
import { NavMenu } from './components/NavMenu'
import { whenIdle } from './components/idle'
import { keyArrived, keyHandled } from './components/pace'
import { panel, text } from './components/styles'
import { createActors } from './flow/actors'
import { createFlowMachine } from './flow/machine'
import { sections, type DeviceInfo, type FlowEvent, type Section } from './flow/types'
import { viewOf, type View } from './flow/view'
import type { Platform } from './platforms'
import { dialogCopy, screenFor } from './screens'
import { asset } from './sdk'
import { sessionStore } from './session'
import { theme } from './theme'

export interface AppSpec extends Component.TemplateSpec {
  Screen: object
  Menu: typeof NavMenu
  Notice: { Text: object }
  Overlay: object
}

/** A held arrow repeats at the OS rate; moving at most this often keeps it steady and never builds a backlog. */
const REPEAT_INTERVAL_MS = 110
/** How long the session may take to restore before "Loading…" is shown. */
const BOOT_SCREEN_DELAY_MS = 300
/** How long a passing message ("… can’t be played yet") stays on screen. */
const NOTICE_MS = 4_000
const noticeW = 1200
const noticeH = 96

export interface Runtime {
  platform: Platform
  device: DeviceInfo
  serviceUrl: string
}

type FlowActor = Actor<ReturnType<typeof createFlowMachine>>

export class App extends Component<AppSpec> implements Component.ImplementTemplateSpec<AppSpec> {
  /** Set by index.ts before launch: the detected platform and this device's description. */
  static runtime: Runtime

  private actor: FlowActor | undefined
  private view: View | undefined
  private lastFocusPath: Component[] = []
  private lastKeyAt = 0
  private interactive = false
  private bootTimer: ReturnType<typeof setTimeout> | undefined
  private noticeTimer: ReturnType<typeof setTimeout> | undefined

  static getFonts() {
    return [
      { family: theme.fontFace.regular, url: asset('fonts/DejaVuSans-Subset.ttf') },
      { family: theme.fontFace.bold, url: asset('fonts/DejaVuSans-Bold-Subset.ttf') },
    ]
  }

  static override _template(): Component.Template<AppSpec> {
    return {
      w: theme.layout.w,
      h: theme.layout.h,
      Screen: {},
      // Menu: made the first time the user is signed in (Welcome, the first run's screen, has none), after Screen.
      // Notice: a passing message over the screen, under any dialog; its panel is made the first time one is shown.
      Notice: { x: (theme.layout.w - noticeW) / 2, y: theme.layout.h - theme.layout.safeY - noticeH, alpha: 0 },
      Overlay: {},
    }
  }

  override _setup() {
    const { platform, device, serviceUrl } = App.runtime
    const actors = createActors({
      client: new AccountClient(serviceUrl),
      store: sessionStore,
      device: () => ({ name: device.name, platform: device.platformLabel, model: device.model }),
      openStream: openEventStream,
      whenIdle: (work) => void whenIdle(work),
    })
    const machine = createFlowMachine({
      actors,
      actions: {
        exitApp: () => void platform.exit(),
        persistSession: (_, params) => sessionStore.save(params.session),
        forgetSession: () => sessionStore.wipe(),
      },
    })
    // A key's effect is drawn as soon as it is handled, not at the next animation frame: up to a frame sooner on screen.
    // Registered after Lightning's own key listener, so it runs once the key has been handled.
    window.addEventListener('keydown', this.drawNow)
    this.actor = createActor(machine, { input: { device } })
    this.actor.subscribe((snapshot) => this.render(snapshot))
    this.actor.start()
  }

  override _detach() {
    clearTimeout(this.bootTimer)
    clearTimeout(this.noticeTimer)
    window.removeEventListener('keydown', this.drawNow)
    this.actor?.stop()
  }

  private readonly drawNow = () => {
    keyHandled()
    this.stage.drawFrame()
  }

  /** A screen is made in its step, so it is never heard in another: Back to Plans lands on the plans, not "Loading…". */
  private showScreen(screen: View['screen'], snapshot: SnapshotFrom<FlowActor>, step?: string) {
    this.tag('Screen')?.childList.a(this.stage.c({ ...screenFor(screen, snapshot.context), ...(step ? { step } : {}) } as never))
  }

  /** Components call this through notify: shown at the bottom of the screen and said, then gone by itself. */
  $notify(message: string) {
    const notice = this.tag('Notice')
    if (!notice) return
    if (!notice.tag('Text')) {
      notice.patch({
        // Light on the dark screen, so it reads as a message over the tiles, not as one more of them.
        ...panel(noticeW, noticeH, theme.color.text, 16),
        Text: { x: noticeW / 2, y: noticeH / 2 + 2, mount: 0.5, text: text(theme.font.body, theme.color.background, true, { wordWrapWidth: noticeW - 64, maxLines: 1 }) },
      } as never)
    }
    notice.tag('Text')?.patch({ text: { text: message } })
    notice.setSmooth('alpha', 1, { duration: 0.15 })
    announce([message])
    clearTimeout(this.noticeTimer)
    this.noticeTimer = setTimeout(() => this.hideNotice(), NOTICE_MS)
  }

  private hideNotice() {
    clearTimeout(this.noticeTimer)
    this.tag('Notice')?.setSmooth('alpha', 0, { duration: 0.15 })
  }

  /** Components call this through sendFlow: the only way anything on screen changes the flow. */
  $send(event: FlowEvent) {
    this.actor?.send(event)
  }

  private render(snapshot: SnapshotFrom<FlowActor>) {
    const view = viewOf(snapshot)
    const previous = this.view
    this.view = view
    // A passing message belongs to the screen and overlay it was shown over.
    if (view.screen !== previous?.screen || view.overlay !== previous?.overlay) this.hideNotice()
    if (view.screen !== previous?.screen) {
      // Destroy the screen left behind before creating the next, so memory stays flat however long the user browses.
      this.tag('Screen')?.childList.clear()
      clearTimeout(this.bootTimer)
      // Restoring the session usually takes a few milliseconds: "Loading…" shows only if it takes longer than a glance,
      // so a launch neither flashes it nor pays for a screen nobody sees (about 35 ms of a 4× CPU launch).
      if (view.screen === 'boot') this.bootTimer = setTimeout(() => (this.showScreen('boot', snapshot), this._refocus()), BOOT_SCREEN_DELAY_MS)
      else this.showScreen(view.screen, snapshot, view.step)
    }
    // Screens that show live state (the pairing code, errors, a step) get the latest on every change.
    this.tag('Screen')?.children[0]?.patch({ context: snapshot.context, ...(view.step ? { step: view.step } : {}) } as never)
    if (view.overlay !== previous?.overlay) {
      this.tag('Overlay')?.childList.clear()
      if (view.overlay && view.overlay !== 'menu') {
        this.tag('Overlay')?.childList.a(this.stage.c({ type: Dialog, copy: dialogCopy(view.overlay, snapshot.context) } as never))
      }
    }
    const root = document.documentElement.dataset
    root.tenfootScreen = view.screen
    root.tenfootOverlay = view.overlay ?? ''
    const signedIn = snapshot.matches('signedIn')
    if (signedIn && !this.tag('Menu')) this.childList.addAt(this.stage.c({ ref: 'Menu', type: NavMenu } as never), 1)
    const menu = this.tag('Menu')
    if (menu) {
      menu.visible = signedIn
      const current = (sections as readonly string[]).includes(view.screen) ? (view.screen as Section) : 'home'
      menu.show(view.overlay === 'menu', current)
    }
    this._refocus()
  }

  override _getFocused() {
    const overlay = this.tag('Overlay')?.children[0]
    if (overlay) return overlay as Component
    if (this.view?.overlay === 'menu') return this.tag('Menu')
    return this.tag('Screen')?.children[0] as Component | undefined
  }

  override _captureKey(e: KeyboardEvent) {
    // A key the remote does not have here (Shift, a letter typed on a desktop keyboard) moves nothing: it is neither
    // paced nor makes the next arrow quick, and a held letter types at the keyboard's own rate, as in any text field.
    if (!(e.keyCode in App.runtime.platform.keys)) return false
    const now = Date.now()
    // Auto-repeats inside the window are dropped, not queued; a fresh press always goes through.
    if (e.repeat && now - this.lastKeyAt < REPEAT_INTERVAL_MS) return true
    // A key that comes quickly after the last one ends every movement still playing, and starts its own at once: the
    // screen catches up with the remote (./components/pace).
    if (keyArrived(now - this.lastKeyAt)) this.stage.transitions.active.forEach((t) => t.finish())
    this.lastKeyAt = now
    return false
  }

  override _handleBack() {
    this.$send({ type: 'nav.back' })
  }

  override _focusChange() {
    this.announceFocus()
  }

  override _focus() {
    this.announceFocus()
  }

  /** Say what newly gained focus, outermost first: "Get Help. Sign Out, button, 1 of 3". */
  private announceFocus() {
    const path = this.application.focusPath ?? []
    const fresh = path.filter((el) => !this.lastFocusPath.includes(el))
    this.lastFocusPath = path.slice()
    announce(fresh.map((el) => (el as Announces).announce ?? ''), { lead: true })
    // Focus can move while a new screen is still attaching (its children not yet enabled), so the mirror reads it a tick later.
    void Promise.resolve().then(() => this.mirrorFocus())
  }

  /** Mirrored on <html> for automation and the monkey test: what has focus, and whether a person can see it. */
  private mirrorFocus() {
    const path = this.application.focusPath ?? []
    const leaf = path[path.length - 1]
    const root = document.documentElement.dataset
    root.tenfootFocus = leaf ? ((leaf as Announces).announce ?? leaf.constructor.name) : ''
    root.tenfootFocusVisible = String(!!leaf && leaf !== this && leaf.enabled)
    // The benchmark's launch figure: the first frame with a screen a person can use.
    const usable = root.tenfootFocusVisible === 'true' && root.tenfootScreen !== 'boot' && root.tenfootScreen !== 'signingOut'
    if (!this.interactive && usable) {
      this.interactive = true
      if (typeof performance !== 'undefined' && performance.mark) requestAnimationFrame(() => performance.mark('tenfoot:interactive'))
    }
  }
}

