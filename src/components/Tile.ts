// A title tile drawn on the device (colour block, title and details), created lazily when first on screen; focus = scale + outline.
import { Component } from '../lightning'
import { theme } from '../theme'
import { notify } from './send'
import { caption, focusRing, shadedPanel, showFocus } from './styles'

export interface CatalogueItem {
  id: string
  title: string
  color: string
  meta: string
}

export interface TileSpec extends Component.TemplateSpec {
  item?: CatalogueItem
  Ring: object
  Art: object
  Caption: object
}

export function argb(hex: string): number {
  const rgb = Number.parseInt(hex.replace('#', ''), 16)
  return Number.isNaN(rgb) ? theme.color.surfaceRaised : (0xff000000 | rgb) >>> 0
}

/** Tiles waiting for their art or their caption, a few per frame. */
const waiting: Tile[] = []
const PER_FRAME = 2

/**
 * The queue starts once Lightning has drawn its next frame. A rail made before a frame (Home as it opens) would
 * otherwise have its captions drawn in that frame's animation callbacks, after Lightning's, and the browser shows the
 * frame only once they are done: Home's first frame waited for two captions (README "Performance"). Asked for at the
 * end of Lightning's frame, the callback comes before Lightning's next one, so what it makes is drawn in that frame.
 */
function fillSoon(tile: Tile, first = false) {
  const at = waiting.indexOf(tile)
  if (at >= 0 && !first) return
  if (at >= 0) waiting.splice(at, 1)
  if ((first ? waiting.unshift(tile) : waiting.push(tile)) === 1) tile.stage.once('frameEnd', () => requestAnimationFrame(fillSome))
}

function fillSome() {
  for (const tile of waiting.splice(0, PER_FRAME)) tile.fill()
  if (waiting.length > 0) requestAnimationFrame(fillSome)
}

/**
 * Rails call this before they move, so a tile never comes into view empty however fast the keys come: waiting tiles get
 * their art now. Their captions, the costly part, still follow a few per frame.
 */
export function fillWaiting() {
  for (const tile of waiting) tile.fill(false)
}

export class Tile extends Component<TileSpec> implements Component.ImplementTemplateSpec<TileSpec> {
  item: CatalogueItem | undefined
  position = ''

  static override _template(): Component.Template<TileSpec> {
    return { w: theme.tile.w, h: theme.tile.h, pivot: 0.5 }
  }

  // Off-screen tiles stay empty shells until they come near the screen. A tile on screen gets its art in the frame it
  // appears, and its caption then too if it has focus; the others' captions, and tiles just beyond the edge (Lightning's
  // bounds margin), follow a frame or two later. So Home's first frame draws one caption, not eleven, and a key press
  // that brings a tile into view does not also draw its text.
  override _firstActive() {
    if (!this.item) return
    const onScreen = (this.core as unknown as { outOfBounds: number }).outOfBounds === 0
    if (onScreen) this.fill(this.hasFocus())
    if (!this.tag('Caption')) fillSoon(this)
  }

  /** The art (shared textures), then the caption unless `withCaption` is false. */
  fill(withCaption = true) {
    if (!this.item) return
    const { w, h } = theme.tile
    if (!this.tag('Art')) {
      // The title's colour, darker under the caption so the text reads on any colour.
      this.patch({ Art: { ...shadedPanel(w, h, argb(this.item.color), 96, 0xb0 / 0xff) } })
    }
    if (!withCaption || this.tag('Caption')) return
    this.patch({
      Caption: {
        x: 20,
        y: h - 84,
        w: w - 40,
        h: 84,
        texture: caption(w - 40, 84, [
          { text: this.item.title, size: theme.font.small, color: theme.color.text, bold: true, baseline: theme.font.small },
          { text: this.item.meta, size: theme.font.small, color: theme.color.textMuted, baseline: 38 + theme.font.small },
        ]),
      },
    })
    // The caption is drawn now. It lies low in the tile, so it can reach Lightning's bounds margin after the tile does,
    // in the frame of the key press that scrolls it up, and that frame should only move what is already drawn.
    this.tag('Caption')?.texture?.load()
  }

  get announce() {
    return this.item ? [this.item.title, this.item.meta, this.position].filter(Boolean).join(', ') : ''
  }

  // A tile leaves the queue with its screen: the queue never holds a screen that is gone.
  override _detach() {
    const at = waiting.indexOf(this)
    if (at >= 0) waiting.splice(at, 1)
  }

  override _focus() {
    // A caption still to come comes next: the focused tile is the one being read.
    if (this.item && !this.tag('Caption')) fillSoon(this, true)
    // The ring is made when the tile is first focused: a rail's other tiles never need one (their texture is shared).
    if (!this.tag('Ring')) this.patch({ Ring: { ...focusRing(theme.tile.w, theme.tile.h), alpha: 0, zIndex: 2 } })
    showFocus(this, this.tag('Ring'), true)
    this.zIndex = 1
  }

  override _unfocus() {
    showFocus(this, this.tag('Ring'), false)
    this.zIndex = 0
  }

  // Tenfoot signs people in and out; it plays nothing yet. OK on a title says so instead of doing nothing.
  override _handleEnter() {
    if (this.item) notify(this, `${this.item.title} can’t be played yet. Playback is coming soon.`)
  }
}
