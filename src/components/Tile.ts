// A title tile drawn on the device (colour block + title), created lazily when first on screen; focus = scale + outline.
import { Component } from '../lightning'
import { theme } from '../theme'
import { focusRing, panel, showFocus, text } from './styles'

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
  Title: object
  Meta: object
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
      Title: { x: 20, y: h - 84, text: text(theme.font.small, theme.color.text, true, { wordWrapWidth: w - 40, maxLines: 1 }) },
      Meta: { x: 20, y: h - 46, text: text(theme.font.small, theme.color.textMuted, false, { wordWrapWidth: w - 40, maxLines: 1 }) },
    })
    this.tag('Title')?.patch({ text: { text: this.item.title } })
    this.tag('Meta')?.patch({ text: { text: this.item.meta } })
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
