// A labelled button for the 10-foot view: scales and shows an outline when focused, and says "Label, button, 2 of 3".
import { Component } from '../lightning'
import { theme } from '../theme'
import { focusRing, panel, showFocus, textBlock } from './styles'

export interface ButtonSpec extends Component.TemplateSpec {
  label: string
  w: number
  Background: object
  Ring: object
  Label: object
}

export const buttonSize = { w: 560, h: 88 }

export class Button extends Component<ButtonSpec> implements Component.ImplementTemplateSpec<ButtonSpec> {
  private _label = ''
  /** "n of m" within its list, set by the list. */
  position = ''

  static override _template(): Component.Template<ButtonSpec> {
    const { w, h } = buttonSize
    return {
      w,
      h,
      pivot: 0.5,
      Background: { ...panel(w, h, theme.color.surfaceRaised) },
      Ring: { ...focusRing(w, h), alpha: 0 },
      Label: { x: 36, y: h / 2, mountY: 0.5 },
    }
  }

  get label() {
    return this._label
  }

  set label(value: string) {
    this._label = value
    this.tag('Label')?.patch(textBlock([{ text: value, size: theme.font.body, color: theme.color.text, bold: true, top: 0 }], buttonSize.w - 72))
  }

  get announce() {
    return [this._label, 'button', this.position].filter(Boolean).join(', ')
  }

  override _focus() {
    showFocus(this, this.tag('Ring'), true)
    this.tag('Background')?.patch({ color: theme.color.primary })
  }

  override _unfocus() {
    showFocus(this, this.tag('Ring'), false)
    this.tag('Background')?.patch({ color: theme.color.surfaceRaised })
  }
}
