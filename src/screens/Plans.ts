// Get Started: the plans from the service, side by side. Choosing one shows the QR to finish signing up on the phone.
import { Component } from '../lightning'
import { announce } from '../announcer'
import { ButtonList } from '../components/ButtonList'
import { sendFlow } from '../components/send'
import { focusRing, panel, showFocus, text } from '../components/styles'
import type { FlowContext, Plan } from '../flow/types'
import { theme } from '../theme'

export interface PlansSpec extends Component.TemplateSpec {
  context?: FlowContext
  step?: string
  Title: object
  Message: object
  Cards: object
  Retry: typeof ButtonList
}

const cardW = 480
const cardH = 520

class PlanCard extends Component {
  plan: Plan = { id: '', name: '', monthlyPrice: '', quality: '', screens: 1, ads: false }
  position = ''

  static override _template() {
    return { w: cardW, h: cardH, pivot: 0.5 }
  }

  override _init() {
    const p = this.plan
    this.patch({
      Bg: { ...panel(cardW, cardH, theme.color.surfaceRaised, 24) },
      Ring: { ...focusRing(cardW, cardH), alpha: 0 },
      Name: { x: 40, y: 40, text: { ...text(theme.font.heading, theme.color.text, true), text: p.name } },
      Price: { x: 40, y: 110, text: { ...text(56, theme.color.accent, true), text: p.monthlyPrice } },
      Per: { x: 40, y: 180, text: { ...text(theme.font.small, theme.color.textMuted), text: 'per month' } },
      Details: {
        x: 40,
        y: 260,
        text: { ...text(theme.font.body, theme.color.text, false, { lineHeight: 52 }), text: this.details().join('\n') },
      },
    })
  }

  details(): string[] {
    const p = this.plan
    return [`Video: ${p.quality}`, `${p.screens} ${p.screens === 1 ? 'screen' : 'screens'} at once`, p.ads ? 'With ads' : 'No ads']
  }

  get announce() {
    return [`${this.plan.name}, ${this.plan.monthlyPrice} per month`, ...this.details(), this.position].join(', ')
  }

  override _focus() {
    showFocus(this, this.tag('Ring'), true)
  }

  override _unfocus() {
    showFocus(this, this.tag('Ring'), false)
  }
}

export class Plans extends Component<PlansSpec> implements Component.ImplementTemplateSpec<PlansSpec> {
  private _context: FlowContext | undefined
  private _step = 'loading'
  private index = 0
  private lastShown: string | undefined

  static override _template(): Component.Template<PlansSpec> {
    return {
      Title: { x: theme.layout.safeX + 40, y: 80, text: { ...text(theme.font.title, theme.color.text, true), text: 'Choose your plan' } },
      Message: { x: theme.layout.safeX + 40, y: 180, text: text(theme.font.body, theme.color.textMuted, false, { wordWrapWidth: 1600 }) },
      Cards: { x: theme.layout.safeX + 40, y: 280 },
      Retry: { type: ButtonList, x: theme.layout.safeX + 40, y: 300, visible: false, signals: { select: '_onRetry' } },
    }
  }

  get step() {
    return this._step
  }

  set step(step: string) {
    this._step = step
    this.redraw()
  }

  /**
   * The step on screen. While the plans are loaded again by themselves after a failure (1 s, 2 s, 4 s … apart), the
   * failure and Try Again stay, with focus: no flicker, and nothing said again until the user acts or the plans come.
   */
  private get shown(): string {
    return this._step === 'loading' && (this._context?.attempt ?? 0) > 0 ? 'failed' : this._step
  }

  get context(): FlowContext | undefined {
    return this._context
  }

  set context(context: FlowContext) {
    const plansChanged = context.plans !== this._context?.plans
    this._context = context
    if (plansChanged) {
      const plans = context.plans
      // Back from a chosen plan's code: focus returns to that plan, not the first.
      const chosen = plans.findIndex((p) => p.id === context.planId)
      this.index = chosen >= 0 ? chosen : Math.max(0, Math.min(this.index, plans.length - 1))
      this.tag('Cards')?.patch({
        children: plans.map((plan, i) => ({ type: PlanCard, plan, x: i * (cardW + 48), position: `${i + 1} of ${plans.length}` })),
      } as never)
    }
    this.redraw()
  }

  private message(): string {
    const messages: Record<string, string> = {
      loading: 'Loading plans…',
      choosing: 'Change or cancel any time. You will finish on your phone.',
      failed: `${this._context?.error ?? 'The plans could not be loaded.'} Trying again…`,
    }
    return messages[this.shown] ?? ''
  }

  private redraw() {
    const shown = this.shown
    this.tag('Message')?.patch({ text: { text: this.message() } })
    this.tag('Cards')?.patch({ visible: shown === 'choosing' })
    const retry = this.tag('Retry')
    if (retry) {
      retry.visible = shown === 'failed'
      if (retry.items.length === 0) retry.items = [{ id: 'retry', label: 'Try Again' }]
    }
    this._refocus()
    // The same screen changes state, by a new step or a new attempt (Try Again while it tries by itself): say so, after
    // whatever gained focus ("Try Again, button. Tenfoot can’t reach…"). The screen's own name says the first state.
    const before = this.lastShown
    this.lastShown = shown
    if (before === undefined || shown === before) return
    if (shown === 'loading') announce(['Loading plans…'])
    if (shown === 'failed') announce([this.message()])
  }

  get announce() {
    return this.shown === 'choosing' ? 'Choose your plan' : `Choose your plan. ${this.message()}`
  }

  override _getFocused() {
    if (this.shown === 'failed') return this.tag('Retry')
    if (this.shown === 'choosing') return this.tag('Cards')?.children[this.index] as Component | undefined
    return undefined
  }

  override _handleLeft() {
    this.move(-1)
  }

  override _handleRight() {
    this.move(1)
  }

  /** Only between the plans on screen: a press while they load (or fail) must not move focus to a card not there. */
  private move(by: number) {
    const count = this._context?.plans.length ?? 0
    if (this.shown === 'choosing' && count > 0) this.index = Math.min(count - 1, Math.max(0, this.index + by))
  }

  override _handleEnter() {
    const plan = this._context?.plans[this.index]
    if (this.shown === 'choosing' && plan) sendFlow(this, { type: 'plans.choose', planId: plan.id })
  }

  _onRetry() {
    sendFlow(this, { type: 'retry' })
  }
}
