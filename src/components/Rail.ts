// A titled horizontal row of tiles; it scrolls to keep the focused tile in view and lets Left bubble from the first tile.
import { Component } from '../lightning'
import { theme } from '../theme'
import { paced } from './pace'
import { textBlock } from './styles'
import { fillWaiting, Tile, type CatalogueItem } from './Tile'

export interface RailData {
  title: string
  items: CatalogueItem[]
}

export interface RailSpec extends Component.TemplateSpec {
  rail: RailData
  Title: object
  Items: typeof Row
}

export const railHeight = theme.tile.h + 110
const step = theme.tile.w + theme.layout.gap
/** A screen's width of tiles. */
const ahead = Math.ceil(theme.layout.w / step)

/** A rail's row of tiles: it asks the rail for its tiles the first time it comes near the screen. */
class Row extends Component {
  override _firstActive() {
    ;(this.cparent as Rail | null)?.prepare()
  }
}

export class Rail extends Component<RailSpec> implements Component.ImplementTemplateSpec<RailSpec> {
  private _rail: RailData = { title: '', items: [] }
  private _index = 0
  private _prepared = false

  static override _template(): Component.Template<RailSpec> {
    return {
      h: railHeight,
      Title: {},
      Items: { type: Row, y: 64 },
    }
  }

  get rail() {
    return this._rail
  }

  set rail(rail: RailData) {
    this._rail = rail
    this.tag('Title')?.patch(textBlock([{ text: rail.title, size: theme.font.body, color: theme.color.text, bold: true, top: 0 }], theme.layout.w - 2 * theme.layout.safeX))
    this.tag('Items')?.childList.clear()
    this._prepared = false
  }

  /**
   * The first screen's worth of tiles, made when the row first comes near the screen or is focused, or when the stack
   * prepares every rail in idle time: rails below the screen are not made in Home's first frame, nor on a key press.
   */
  prepare() {
    if (this._prepared) return
    this._prepared = true
    this.grow(ahead)
  }

  /**
   * Tiles are made as the rail is walked: the ones that can be on screen and one beyond, never all of a long rail at
   * once (a screen's worth ahead of the focused tile covers the row's scroll, which keeps it in the second column).
   */
  private grow(count: number) {
    const items = this.tag('Items')
    if (!items) return
    for (let i = items.children.length; i < Math.min(count, this._rail.items.length); i++) {
      const item = this._rail.items[i]
      items.childList.a(this.stage.c({ type: Tile, item, x: i * step, position: `${i + 1} of ${this._rail.items.length}` } as never))
    }
  }

  get announce() {
    return this._rail.title
  }

  get index() {
    return this._index
  }

  override _getFocused() {
    this.prepare()
    return this.tag('Items')?.children[this._index] as Component | undefined
  }

  private move(delta: number): boolean {
    const next = this._index + delta
    if (next < 0 || next >= this._rail.items.length) return false
    this.grow(next + ahead)
    fillWaiting()
    this._index = next
    // Keep the focused tile in the first visible columns: shift the row, never the tile.
    this.tag('Items')?.setSmooth('x', -Math.max(0, next - 1) * step, paced(theme.motion.scrollS))
    return true
  }

  override _handleLeft() {
    return this.move(-1)
  }

  override _handleRight() {
    return this.move(1)
  }
}
