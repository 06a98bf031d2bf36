// Use Phone (and a chosen plan's sign-up): a QR code and a pairing code for the phone, a countdown, and what is happening.
import { Component } from '../lightning'
import { announce } from '../announcer'
import { ButtonList } from '../components/ButtonList'
import { QrCode } from '../components/QrCode'
import { sendFlow } from '../components/send'
import { panel, text } from '../components/styles'
import { freeTexture } from '../components/texture'
import type { FlowContext, FlowEvent } from '../flow/types'
import { theme } from '../theme'

export interface UsePhoneSpec extends Component.TemplateSpec {
  context?: FlowContext
  step?: string
  signUp: boolean
  Title: object
  Steps: object
  Code: object
  Countdown: object
  Status: object
  List: typeof ButtonList
  QrPanel: { Qr: typeof QrCode }
}

const left = theme.layout.safeX + 40
const qrSize = 480 // 44% of the screen height: scannable from the couch.

/** "1234 5678": the code as the phone page shows it, in groups of four. */
export function groupCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ')
}

/** The URL as a person would type it, without the scheme. */
function shortUrl(url: string): string {
  return url.replace(/^https?:\/\//, '')
}

export class UsePhone extends Component<UsePhoneSpec> implements Component.ImplementTemplateSpec<UsePhoneSpec> {
  private _context: FlowContext | undefined
  private _step = ''
  private shownCode = ''
  private shownStatus = ''
  private timer: ReturnType<typeof setInterval> | undefined
  signUp = false

  static override _template(): Component.Template<UsePhoneSpec> {
    return {
      Title: { x: left, y: 90, text: text(theme.font.title, theme.color.text, true) },
      Steps: { x: left, y: 200, text: text(theme.font.body, theme.color.text, false, { wordWrapWidth: 1000, lineHeight: 48 }) },
      // A wrap width, which the code never reaches, because only Lightning's wrapping counts letter spacing in the
      // text's width: without one the texture was 72 px too narrow and cut off the last digit.
      Code: { x: left, y: 400, text: text(120, theme.color.accent, true, { letterSpacing: 8, wordWrapWidth: 1000 }) },
      Countdown: { x: left, y: 560, text: text(theme.font.body, theme.color.textMuted) },
      Status: { x: left, y: 620, text: text(theme.font.body, theme.color.text, true, { wordWrapWidth: 1000, lineHeight: 44 }) },
      List: { type: ButtonList, x: left, y: 820, signals: { select: '_onSelect' } },
      QrPanel: {
        x: theme.layout.w - theme.layout.safeX - qrSize - 80,
        y: 200,
        ...panel(qrSize + 80, qrSize + 80, theme.color.qrLight, 24),
        Qr: { type: QrCode, x: (qrSize + 80) / 2, y: (qrSize + 80) / 2, mount: 0.5, size: qrSize },
      },
    }
  }

  override _init() {
    this.timer = setInterval(() => this.tick(), 1000)
  }

  override _detach() {
    if (this.timer) clearInterval(this.timer)
    // Every visit shows a new code and ends on another second of the countdown: neither text is drawn again.
    freeTexture(this.tag('Code'))
    freeTexture(this.tag('Countdown'))
  }

  set context(context: FlowContext) {
    this._context = context
    this.redraw()
  }

  get context(): FlowContext | undefined {
    return this._context
  }

  /** The pairing step: requesting, showing or offline (waiting to try again). */
  set step(step: string) {
    if (step === this._step) return
    this._step = step
    if (this._context) this.redraw()
  }

  get step() {
    return this._step
  }

  private redraw() {
    const context = this._context
    if (!context) return
    const pairing = context.pairing
    const plan = context.plans.find((p) => p.id === context.planId)
    this.tag('Title')?.patch({ text: { text: this.signUp ? `Finish signing up${plan ? ` for ${plan.name}` : ''}` : 'Sign in with your phone' } })
    const steps = pairing
      ? `1. Scan the QR code with your phone’s camera, or go to ${shortUrl(pairing.verificationUri)}\n` +
        `2. Check that your phone shows this code, then ${this.signUp ? 'sign up' : 'sign in'}:`
      : ''
    this.tag('Steps')?.patch({ text: { text: steps } })
    this.tag('Code')?.patch({ text: { text: pairing ? groupCode(pairing.userCode) : '' } })
    this.tag('QrPanel')?.patch({ visible: !!pairing })
    const qr = this.tag('QrPanel.Qr')
    if (qr && pairing) qr.value = pairing.verificationUriComplete
    const status = this.status(context)
    // Without a code there is nothing above the status: lift it under the title.
    this.tag('Status')?.patch({ y: pairing ? 620 : 220, text: { text: status } })
    const list = this.tag('List')
    const action = this.action(context)
    if (list && list.selected?.id !== action.id) list.items = [action]
    this.tick()
    // Say what changed: a new code (with how to use it), or a new status such as "Reconnecting…".
    if (pairing && pairing.userCode !== this.shownCode) {
      this.shownCode = pairing.userCode
      announce([status, `Go to ${shortUrl(pairing.verificationUri)} and enter code ${groupCode(pairing.userCode)}`])
    } else if (status !== this.shownStatus) {
      announce([status])
    }
    this.shownStatus = status
  }

  /**
   * What is happening, in words. After a failure the code is asked for again by itself (1 s, 2 s, 4 s … apart) under the
   * failure, which stays: no flicker. Try Again asks at once and says so, keeping the button, so a press is always heard.
   */
  private status(c: FlowContext): string {
    if (!c.pairing && c.error) return this._step === 'requesting' && c.attempt === 0 ? 'Getting a code…' : `${c.error} Trying again…`
    if (!c.pairing) return 'Getting a code…'
    if (c.reconnecting) return 'Reconnecting… Your code still works.'
    return c.notice ?? 'Waiting for your phone…'
  }

  private action(c: FlowContext): { id: string; label: string } {
    if (!c.pairing && c.error) return { id: 'retry', label: 'Try Again' }
    return this.signUp ? { id: 'back', label: 'Choose Another Plan' } : { id: 'useRemote', label: 'Use Remote Instead' }
  }

  private tick() {
    const expiresAt = this._context?.pairing?.expiresAt
    if (!expiresAt) return this.tag('Countdown')?.patch({ text: { text: '' } })
    const left = Math.max(0, Math.round((expiresAt - Date.now()) / 1000))
    const mm = Math.floor(left / 60)
    const ss = String(left % 60).padStart(2, '0')
    this.tag('Countdown')?.patch({ text: { text: left > 0 ? `Code expires in ${mm}:${ss}` : 'Getting a new code…' } })
  }

  get announce() {
    return this.signUp ? 'Finish signing up on your phone' : 'Sign in with your phone'
  }

  override _getFocused() {
    return this.tag('List')
  }

  _onSelect(id: string) {
    const events: Record<string, FlowEvent> = { retry: { type: 'retry' }, back: { type: 'nav.back' }, useRemote: { type: 'signin.useRemote' } }
    const event = events[id]
    if (event) sendFlow(this, event)
  }
}
