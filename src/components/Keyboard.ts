// An on-screen D-pad keyboard: letters and digits, a page of symbols, shift, delete, space, show/hide and done. It signals
// what was pressed; the keys themselves and the moves between them are in ./keys.
import { Component } from '../lightning'
import { announce } from '../announcer'
import { theme } from '../theme'
import { keyGap, keyRows, keyUnit, keyXs, moveRow, type KeyDef, type KeyPress } from './keys'
import { focusRing, panel, showFocus, text } from './styles'

const keyH = 84

class Key extends Component {
  def: KeyDef = { label: '', press: { kind: 'space' }, span: 1, announce: '' }

  static override _template() {
    return { pivot: 0.5 }
  }

  override _init() {
    const w = this.def.span * keyUnit + (this.def.span - 1) * keyGap
    this.patch({
      w,
      h: keyH,
      Bg: { ...panel(w, keyH, theme.color.surfaceRaised, 12) },
      Ring: { ...focusRing(w, keyH), alpha: 0 },
      Label: { x: w / 2, y: keyH / 2 + 2, mount: 0.5, text: { ...text(theme.font.body, theme.color.text, true), text: this.def.label } },
    })
  }

  get announce() {
    return this.def.announce
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
  private symbols = false
  /** Where a run of Up and Down presses began; any other key ends the run. */
  private columnX: number | null = null
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
    this.rows = keyRows({ shift: this.shift, symbols: this.symbols, masked: this._masked })
    this.children = this.rows.map((keys, r) => {
      const xs = keyXs(keys)
      return { y: r * (keyH + keyGap), children: keys.map((def, i) => ({ type: Key, def, x: xs[i] })) }
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
    this.columnX ??= keyXs(this.rows[this.row] ?? [])[this.col] ?? 0
    const next = moveRow(this.rows, this.row, this.col, delta, this.columnX)
    if (!next) return false
    this.row = next.row
    this.col = next.col
    return true
  }

  override _handleUp() {
    return this.moveRow(-1)
  }

  override _handleDown() {
    return this.moveRow(1)
  }

  override _handleLeft() {
    this.columnX = null
    if (this.col === 0) return false
    this.col--
    return true
  }

  override _handleRight() {
    this.columnX = null
    const count = this.rows[this.row]?.length ?? 0
    if (this.col >= count - 1) return false
    this.col++
    return true
  }

  override _handleEnter() {
    this.columnX = null
    const def = this.rows[this.row]?.[this.col]
    if (!def) return
    // The new keys take focus, so the key says the new state: "Shift, on".
    if (def.press.kind === 'shift') {
      this.shift = !this.shift
      this.build()
      return
    }
    if (def.press.kind === 'symbols') {
      this.symbols = !this.symbols
      announce([this.symbols ? 'Symbols keyboard' : 'Letters keyboard'], { lead: true })
      this.build()
      return
    }
    this.signal('press', def.press)
  }
}
