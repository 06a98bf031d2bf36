// An on-screen D-pad keyboard: letters, digits, @ . - _, shift, delete, space, show/hide and done. It signals what was pressed.
import { Component } from '../lightning'
import { theme } from '../theme'
import { focusRing, panel, showFocus, text } from './styles'

export type KeyPress = { kind: 'char'; char: string } | { kind: 'shift' | 'delete' | 'space' | 'done' | 'toggleMask' }

interface KeyDef {
  label: string
  press: KeyPress
  /** Width in key units. */
  span: number
}

const unit = 100
const keyH = 84
const gap = 12

const chars = (s: string): KeyDef[] => [...s].map((c) => ({ label: c, press: { kind: 'char', char: c }, span: 1 }))

function layout(shift: boolean, masked: boolean | null): KeyDef[][] {
  const letters = shift ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : 'abcdefghijklmnopqrstuvwxyz'
  const last: KeyDef[] = [
    { label: shift ? 'abc' : 'Shift', press: { kind: 'shift' }, span: 2 },
    { label: 'Space', press: { kind: 'space' }, span: 3 },
    { label: 'Delete', press: { kind: 'delete' }, span: 2 },
  ]
  if (masked !== null) last.push({ label: masked ? 'Show' : 'Hide', press: { kind: 'toggleMask' }, span: 2 })
  last.push({ label: 'Done', press: { kind: 'done' }, span: 2 })
  return [chars(letters.slice(0, 13)), chars(letters.slice(13)), chars('1234567890@.-'), [...chars('_'), ...last]]
}

class Key extends Component {
  def: KeyDef = { label: '', press: { kind: 'space' }, span: 1 }

  static override _template() {
    return { pivot: 0.5 }
  }

  override _init() {
    const w = this.def.span * unit + (this.def.span - 1) * gap
    this.patch({
      w,
      h: keyH,
      Bg: { ...panel(w, keyH, theme.color.surfaceRaised, 12) },
      Ring: { ...focusRing(w, keyH), alpha: 0 },
      Label: { x: w / 2, y: keyH / 2 + 2, mount: 0.5, text: { ...text(theme.font.body, theme.color.text, true), text: this.def.label } },
    })
  }

  get announce() {
    const p = this.def.press
    return p.kind === 'char' ? (/[a-z]/.test(p.char) ? p.char : p.char === '@' ? 'at' : p.char === '.' ? 'dot' : p.char) : this.def.label
  }

  override _focus() {
    showFocus(this, this.tag('Ring'), true)
  }

  override _unfocus() {
    showFocus(this, this.tag('Ring'), false)
  }
}

export interface KeyboardSpec extends Component.TemplateSpec {
  /** null: no show/hide key (the email field); true/false: the password is hidden/shown. */
  masked: boolean | null
}

interface KeyboardTypeConfig extends Component.TypeConfig {
  SignalMapType: { press(p: KeyPress): void }
}

export class Keyboard extends Component<KeyboardSpec, KeyboardTypeConfig> implements Component.ImplementTemplateSpec<KeyboardSpec> {
  private rows: KeyDef[][] = []
  private row = 0
  private col = 0
  private shift = false
  private _masked: boolean | null = null

  override _init() {
    this.build()
  }

  get masked() {
    return this._masked
  }

  set masked(masked: boolean | null) {
    this._masked = masked
    if (this.attached) this.build()
  }

  private build() {
    // A key other than a letter keeps focus when the keys change around it: Done stays on Done when the password
    // step adds Show before it, so a second press of OK is not Show (which would reveal the password).
    const held = this.rows[this.row]?.[this.col]?.press.kind
    this.rows = layout(this.shift, this._masked)
    this.children = this.rows.map((keys, r) => {
      let x = 0
      return {
        y: r * (keyH + gap),
        children: keys.map((def) => {
          const key = { type: Key, def, x }
          x += def.span * unit + def.span * gap
          return key
        }),
      }
    })
    this.row = Math.min(this.row, this.rows.length - 1)
    const same = held && held !== 'char' ? (this.rows[this.row]?.findIndex((def) => def.press.kind === held) ?? -1) : -1
    this.col = same >= 0 ? same : Math.min(this.col, (this.rows[this.row]?.length ?? 1) - 1)
    this._refocus()
  }

  override _getFocused() {
    return this.children[this.row]?.children[this.col] as Component | undefined
  }

  /** Moving between rows keeps the horizontal position, so Up then Down returns to the same key. */
  private moveRow(delta: number): boolean {
    const next = this.row + delta
    const target = this.rows[next]
    if (!target) return false
    const x = this.children[this.row]?.children[this.col]?.x ?? 0
    const keys = this.children[next]?.children ?? []
    let best = 0
    keys.forEach((k, i) => {
      if (Math.abs(k.x - x) < Math.abs((keys[best]?.x ?? 0) - x)) best = i
    })
    this.row = next
    this.col = best
    return true
  }

  override _handleUp() {
    return this.moveRow(-1)
  }

  override _handleDown() {
    return this.moveRow(1)
  }

  override _handleLeft() {
    if (this.col === 0) return false
    this.col--
    return true
  }

  override _handleRight() {
    const count = this.rows[this.row]?.length ?? 0
    if (this.col >= count - 1) return false
    this.col++
    return true
  }

  override _handleEnter() {
    const def = this.rows[this.row]?.[this.col]
    if (!def) return
    if (def.press.kind === 'shift') {
      this.shift = !this.shift
      this.build()
      return
    }
    this.signal('press', def.press)
  }
}
