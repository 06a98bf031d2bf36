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

export class Tile extends Component<TileSpec> implements Component.ImplementTemplateSpec<TileSpec> {
  item: CatalogueItem | undefined
  position = ''

  static override _template(): Component.Template<TileSpec> {
    return { w: theme.tile.w, h: theme.tile.h, pivot: 0.5, Ring: { ...focusRing(theme.tile.w, theme.tile.h), alpha: 0, zIndex: 2 } }
  }

  // Off-screen tiles stay empty shells: their textures are made only once they first come into view.
  override _firstActive() {
    if (!this.item) return
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
