// A title tile drawn on the device (colour block, title and details), created lazily when first on screen; focus = scale + outline.
import { Component } from '../lightning'
import { theme } from '../theme'
import { caption, focusRing, panel, showFocus } from './styles'

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
  Shade: object
  Caption: object
}

export function argb(hex: string): number {
  const rgb = Number.parseInt(hex.replace('#', ''), 16)
  return Number.isNaN(rgb) ? theme.color.surfaceRaised : (0xff000000 | rgb) >>> 0
}

/** Tiles waiting to be filled, a few per frame. */
const waiting: Tile[] = []
const PER_FRAME = 2

function fillSoon(tile: Tile) {
  if (waiting.push(tile) === 1) requestAnimationFrame(fillSome)
}

function fillSome() {
  fillWaiting(PER_FRAME)
  if (waiting.length > 0) requestAnimationFrame(fillSome)
}

/** Rails call this before they move, so a tile never comes into view empty however fast the keys come. */
export function fillWaiting(count = waiting.length) {
  for (const tile of waiting.splice(0, count)) if (tile.attached) tile.fill()
}

export class Tile extends Component<TileSpec> implements Component.ImplementTemplateSpec<TileSpec> {
  item: CatalogueItem | undefined
  position = ''

  static override _template(): Component.Template<TileSpec> {
    return { w: theme.tile.w, h: theme.tile.h, pivot: 0.5, Ring: { ...focusRing(theme.tile.w, theme.tile.h), alpha: 0, zIndex: 2 } }
  }

  // Off-screen tiles stay empty shells until they come near the screen. A tile on screen is filled in the frame it
  // appears; one just beyond the edge (Lightning's bounds margin) a frame or two later, so the frame of the key press
  // that brought it near is not also the one that makes its textures.
  override _firstActive() {
    if (!this.item) return
    if ((this.core as unknown as { outOfBounds: number }).outOfBounds === 0) this.fill()
    else fillSoon(this)
  }

  fill() {
    if (!this.item || this.tag('Art')) return
    const { w, h } = theme.tile
    this.patch({
      Art: { ...panel(w, h, argb(this.item.color)) },
      Shade: { y: h - 96, ...panel(w, 96, 0xb0000000, [0, 0, theme.focus.radius, theme.focus.radius]) },
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

  override _focus() {
    showFocus(this, this.tag('Ring'), true)
    this.zIndex = 1
  }

  override _unfocus() {
    showFocus(this, this.tag('Ring'), false)
    this.zIndex = 0
  }
}
