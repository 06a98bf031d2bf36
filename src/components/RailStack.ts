// A vertical stack of rails: Up/Down moves between rails, keeping the focused one at the top of the visible area.
import { Component } from '../lightning'
import { theme } from '../theme'
import { eachWhenIdle } from './idle'
import { paced } from './pace'
import { Rail, railHeight, type RailData } from './Rail'
import { fillWaiting } from './Tile'

export interface RailStackSpec extends Component.TemplateSpec {
  rails: RailData[]
}

export class RailStack extends Component<RailStackSpec> implements Component.ImplementTemplateSpec<RailStackSpec> {
  private _rails: RailData[] = []
  private _index = 0
  private cancelIdle: (() => void) | undefined

  get rails() {
    return this._rails
  }

  set rails(rails: RailData[]) {
    this._rails = rails
    this.children = rails.map((rail, i) => ({ type: Rail, rail, y: i * railHeight }))
  }

  /**
   * The first frame draws only the tiles on screen. Lightning also prepares what lies just beyond the edges (the next
   * tile of each rail, the next rail down), so a move finds it drawn; that waits for idle time after the first frame,
   * as do the tiles of rails below the screen.
   */
  override _init() {
    this.boundsMargin = [0, 0, 0, 0]
  }

  override _firstActive() {
    // One rail per idle period, then the margin: all at once took 85 ms at 6× CPU, and a key press waited for it.
    const steps = [...this.children.map((rail) => () => (rail as Rail).prepare()), () => (this.boundsMargin = null)]
    this.cancelIdle = eachWhenIdle(steps, (step) => step())
  }

  // Leaving Home before its idle work ran: that work would only keep the screen alive.
  override _detach() {
    this.cancelIdle?.()
  }

  override _getFocused() {
    return this.children[this._index] as Component | undefined
  }

  private move(delta: number): boolean {
    const next = this._index + delta
    if (next < 0 || next >= this._rails.length) return false
    fillWaiting()
    this._index = next
    // Scroll the stack, not the rails, so only one animation runs per press.
    this.children.forEach((c, i) => c.setSmooth('y', (i - next) * railHeight, paced(theme.motion.scrollS)))
    this.signal('railChanged', next)
    return true
  }

  override _handleUp() {
    return this.move(-1)
  }

  override _handleDown() {
    return this.move(1)
  }

  get index() {
    return this._index
  }
}
