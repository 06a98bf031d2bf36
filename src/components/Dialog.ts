// A Yes/No question over a dimmed screen. Focus starts on the safe answer; Back is handled by the statechart as No.
import { Component } from '../lightning'
import { theme } from '../theme'
import { buttonSize } from './Button'
import { ButtonList } from './ButtonList'
import { sendFlow } from './send'
import { panel, text } from './styles'

export interface DialogCopy {
  title: string
  message: string
  yes: string
  no: string
}

export interface DialogSpec extends Component.TemplateSpec {
  copy: DialogCopy
  Scrim: object
  Panel: { Title: object; Message: object; Buttons: typeof ButtonList }
}

const panelW = 1400
const panelH = 520

export class Dialog extends Component<DialogSpec> implements Component.ImplementTemplateSpec<DialogSpec> {
  private _copy: DialogCopy = { title: '', message: '', yes: 'Yes', no: 'No' }

  static override _template(): Component.Template<DialogSpec> {
    return {
      w: theme.layout.w,
      h: theme.layout.h,
      Scrim: { rect: true, w: theme.layout.w, h: theme.layout.h, color: theme.color.scrim },
      Panel: {
        x: (theme.layout.w - panelW) / 2,
        y: (theme.layout.h - panelH) / 2,
        ...panel(panelW, panelH, theme.color.surface, 24),
        Title: { x: 80, y: 64, text: text(theme.font.heading, theme.color.text, true, { wordWrapWidth: panelW - 160 }) },
        Message: { x: 80, y: 150, text: text(theme.font.body, theme.color.textMuted, false, { wordWrapWidth: panelW - 160, lineHeight: 44 }) },
        Buttons: {
          type: ButtonList,
          horizontal: true,
          x: (panelW - (buttonSize.w * 2 + theme.layout.gap * 2)) / 2,
          y: panelH - buttonSize.h - 64,
          signals: { select: '_onSelect' },
        },
      },
    }
  }

  set copy(copy: DialogCopy) {
    this._copy = copy
    this.tag('Panel.Title')?.patch({ text: { text: copy.title } })
    this.tag('Panel.Message')?.patch({ text: { text: copy.message } })
    const buttons = this.tag('Panel.Buttons')
    if (buttons) {
      buttons.items = [
        { id: 'yes', label: copy.yes },
        { id: 'no', label: copy.no },
      ]
      buttons.index = 1
    }
  }

  get copy() {
    return this._copy
  }

  get announce() {
    return `${this._copy.title} ${this._copy.message}`
  }

  override _getFocused() {
    return this.tag('Panel.Buttons')
  }

  _onSelect(id: string) {
    sendFlow(this, { type: id === 'yes' ? 'confirm.yes' : 'confirm.no' })
  }
}
