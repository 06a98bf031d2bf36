// A vertical or horizontal list of buttons that owns its own focus; Enter signals `select` with the chosen item's id.
import { Component } from '../lightning'
import { theme } from '../theme'
import { Button, buttonSize } from './Button'

export interface ListItem {
  id: string
  label: string
}

export interface ButtonListSpec extends Component.TemplateSpec {
  items: ListItem[]
  horizontal: boolean
  index: number
}

interface ButtonListTypeConfig extends Component.TypeConfig {
  SignalMapType: {
    select(id: string): void
    focusItem(id: string): void
  }
}

export class ButtonList
  extends Component<ButtonListSpec, ButtonListTypeConfig>
  implements Component.ImplementTemplateSpec<ButtonListSpec>
{
  private _items: ListItem[] = []
  private _index = 0
  horizontal = false

  get items() {
    return this._items
  }

  set items(items: ListItem[]) {
    this._items = items
    const step = this.horizontal ? buttonSize.w + theme.layout.gap * 2 : buttonSize.h + theme.layout.gap
    this.children = items.map((item, i) => ({
      type: Button,
      label: item.label,
      position: `${i + 1} of ${items.length}`,
      x: this.horizontal ? i * step : 0,
      y: this.horizontal ? 0 : i * step,
    }))
    this._index = Math.min(this._index, Math.max(items.length - 1, 0))
  }

  get index() {
    return this._index
  }

  set index(i: number) {
    this._index = Math.max(0, Math.min(i, this._items.length - 1))
  }

  get selected(): ListItem | undefined {
    return this._items[this._index]
  }

  override _getFocused() {
    return this.children[this._index] as Component | undefined
  }

  private move(delta: number): boolean {
    const next = this._index + delta
    // At either end the key bubbles, so the screen or App may act (Left from the first item opens the menu).
    if (next < 0 || next >= this._items.length) return false
    this._index = next
    const id = this.selected?.id
    if (id) this.signal('focusItem', id)
    return true
  }

  override _handleUp() {
    return this.horizontal ? false : this.move(-1)
  }

  override _handleDown() {
    return this.horizontal ? false : this.move(1)
  }

  override _handleLeft() {
    return this.horizontal ? this.move(-1) : false
  }

  override _handleRight() {
    return this.horizontal ? this.move(1) : false
  }

  override _handleEnter() {
    const id = this.selected?.id
    if (id) this.signal('select', id)
  }
}
