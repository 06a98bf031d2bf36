// A full-screen status: "Loading", "Signing out", or the page a browser shows after Exit, with one button when there is something to do.
import { Component } from '../lightning'
import { sentences } from '../announcer'
import { ButtonList } from '../components/ButtonList'
import { sendFlow } from '../components/send'
import { text } from '../components/styles'
import type { FlowEvent } from '../flow/types'
import { theme } from '../theme'

export interface StatusCopy {
  title: string
  message: string
  action?: { label: string; event: FlowEvent }
}

export interface StatusSpec extends Component.TemplateSpec {
  copy: StatusCopy
  Title: object
  Message: object
  List: typeof ButtonList
}

const centreX = theme.layout.w / 2

export class Status extends Component<StatusSpec> implements Component.ImplementTemplateSpec<StatusSpec> {
  private _copy: StatusCopy = { title: '', message: '' }

  static override _template(): Component.Template<StatusSpec> {
    return {
      Title: { x: centreX, y: 380, mountX: 0.5, text: text(theme.font.title, theme.color.text, true) },
      Message: { x: centreX, y: 480, mountX: 0.5, text: text(theme.font.body, theme.color.textMuted, false, { textAlign: 'center', wordWrapWidth: 1400 }) },
      List: { type: ButtonList, x: centreX - 280, y: 600, signals: { select: '_onSelect' } },
    }
  }

  set copy(copy: StatusCopy) {
    this._copy = copy
    this.tag('Title')?.patch({ text: { text: copy.title } })
    this.tag('Message')?.patch({ text: { text: copy.message } })
    const list = this.tag('List')
    if (list) list.items = copy.action ? [{ id: 'action', label: copy.action.label }] : []
  }

  get copy() {
    return this._copy
  }

  get announce() {
    return sentences([this._copy.title, this._copy.message].filter(Boolean))
  }

  override _getFocused() {
    return this._copy.action ? this.tag('List') : undefined
  }

  _onSelect() {
    if (this._copy.action) sendFlow(this, this._copy.action.event)
  }
}
