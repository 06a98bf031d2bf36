// Use Remote: type the email, then the password (masked, with show/hide), on an on-screen keyboard. Errors keep the form usable.
import { Component } from '../lightning'
import { announce } from '../announcer'
import { Keyboard } from '../components/Keyboard'
import { spoken, type KeyPress } from '../components/keys'
import { sendFlow } from '../components/send'
import { fittedEndIn, panel, text } from '../components/styles'
import type { FlowContext } from '../flow/types'
import { theme } from '../theme'

export interface UseRemoteSpec extends Component.TemplateSpec {
  context?: FlowContext
  step?: string
  Title: object
  Label: object
  Field: { Value: object }
  Message: object
  Keys: typeof Keyboard
}

const left = theme.layout.safeX + 200
const fieldW = 1300
const valueSize = 40

export class UseRemote extends Component<UseRemoteSpec> implements Component.ImplementTemplateSpec<UseRemoteSpec> {
  private _step = 'email'
  private value = ''
  private masked = true
  private _context: FlowContext | undefined
  private localError: string | null = null
  private shownError: string | null = null

  static override _template(): Component.Template<UseRemoteSpec> {
    return {
      Title: { x: left, y: 70, text: { ...text(theme.font.title, theme.color.text, true), text: 'Sign in with your remote' } },
      Label: { x: left, y: 180, text: text(theme.font.body, theme.color.textMuted, true) },
      Field: {
        x: left,
        y: 230,
        ...panel(fieldW, 100, theme.color.surfaceRaised, 12),
        Value: { x: 32, y: 50, mountY: 0.5, text: text(valueSize, theme.color.text, false, { wordWrapWidth: fieldW - 64, maxLines: 1 }) },
      },
      Message: { x: left, y: 350, text: text(theme.font.body, theme.color.danger, true, { wordWrapWidth: fieldW, lineHeight: 40 }) },
      Keys: { type: Keyboard, x: left, y: 450, masked: null, signals: { press: '_onPress' } },
    }
  }

  get step() {
    return this._step
  }

  set step(step: string) {
    const previous = this._step
    const wasPassword = previous !== 'email'
    // Same screen, new field: say which, since no screen change will.
    // It leads like a focus change, so the field is heard before the key that keeps focus: "Password for …. Done".
    if (step !== this._step) announce([step === 'email' ? 'Email' : step === 'submitting' ? 'Signing in…' : `Password for ${this._context?.email ?? ''}`], { lead: true })
    this._step = step
    if (step === 'email' && wasPassword) this.value = this._context?.email ?? ''
    if (step === 'password' && !wasPassword) {
      this.value = ''
      this.masked = true
    }
    // A password the service refused is not kept: the next try starts from an empty field, not from Delete pressed once
    // per character. One it never answered (network, too many tries) stays, so Done tries it again.
    if (step === 'password' && previous === 'submitting' && this._context?.passwordRefused) this.value = ''
    this.localError = null
    this.redraw()
  }

  get context(): FlowContext | undefined {
    return this._context
  }

  set context(context: FlowContext) {
    this._context = context
    if (context.error && context.error !== this.shownError) announce([context.error])
    this.shownError = context.error
    this.redraw()
  }

  private redraw() {
    const isEmail = this._step === 'email'
    this.tag('Label')?.patch({ text: { text: isEmail ? 'Email' : `Password for ${this._context?.email ?? ''}` } })
    const shown = isEmail || !this.masked ? this.value : '•'.repeat(this.value.length)
    // A long entry shows its end, where the typing is, not its start cut off.
    this.tag('Field.Value')?.patch({ text: { text: fittedEndIn(`${shown}|`, valueSize, fieldW - 64) } })
    const message = this._step === 'submitting' ? 'Signing in…' : (this.localError ?? this._context?.error ?? '')
    this.tag('Message')?.patch({ text: { text: message, textColor: this._step === 'submitting' ? theme.color.textMuted : theme.color.danger } })
    const keys = this.tag('Keys')
    if (keys) {
      const masked = isEmail ? null : this.masked
      if (keys.masked !== masked) keys.masked = masked
    }
  }

  get announce() {
    return this._step === 'email' ? 'Sign in with your remote. Email' : 'Password'
  }

  override _getFocused() {
    return this.tag('Keys')
  }

  _onPress(p: KeyPress) {
    if (this._step === 'submitting') return
    // What was typed or deleted is said, as a screen reader echoes typing; a hidden password's characters are not.
    const hidden = this._step !== 'email' && this.masked
    const said = (char: string) => (hidden ? 'bullet' : spoken(char))
    switch (p.kind) {
      case 'char':
      case 'space': {
        const char = p.kind === 'char' ? p.char : ' '
        this.value += char
        announce([said(char)])
        break
      }
      case 'delete': {
        const gone = this.value.slice(-1)
        this.value = this.value.slice(0, -1)
        announce([gone ? `Deleted ${said(gone)}` : 'Nothing to delete'])
        break
      }
      case 'toggleMask':
        this.masked = !this.masked
        announce([this.masked ? 'Password hidden' : 'Password shown'])
        break
      case 'done':
        return this.submit()
    }
    this.localError = null
    this.redraw()
  }

  private submit() {
    if (this._step === 'email') {
      const email = this.value.trim()
      if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) {
        this.localError = 'Enter your full email address, like name@example.com.'
        announce([this.localError])
        return this.redraw()
      }
      sendFlow(this, { type: 'remote.email', email })
    } else if (this.value === '') {
      this.localError = 'Enter your password, then choose Done.'
      announce([this.localError])
      this.redraw()
    } else {
      sendFlow(this, { type: 'remote.password', password: this.value })
    }
  }

  /** A desktop keyboard can type straight into the field; Backspace deletes while there is text. */
  override _handleKey(e: KeyboardEvent) {
    if (e.key.length !== 1 || this._step === 'submitting') return false
    this._onPress({ kind: 'char', char: e.key })
    return true
  }

  override _captureBack(e: KeyboardEvent) {
    if (e.keyCode === 8 && this.value !== '' && this._step !== 'submitting') {
      this._onPress({ kind: 'delete' })
      return true
    }
    return false
  }
}
