// "Choose How to Sign In": Use Phone (the default focus) or Use Remote.
import { Component } from '../lightning'
import { ButtonList } from '../components/ButtonList'
import { sendFlow } from '../components/send'
import { text } from '../components/styles'
import { theme } from '../theme'

export interface ChooseSignInSpec extends Component.TemplateSpec {
  Title: object
  Hint: object
  List: typeof ButtonList
}

const centreX = theme.layout.w / 2

export class ChooseSignIn extends Component<ChooseSignInSpec> implements Component.ImplementTemplateSpec<ChooseSignInSpec> {
  static override _template(): Component.Template<ChooseSignInSpec> {
    return {
      Title: { x: centreX, y: 220, mountX: 0.5, text: { ...text(theme.font.title, theme.color.text, true), text: 'Choose How to Sign In' } },
      Hint: {
        x: centreX,
        y: 330,
        mountX: 0.5,
        text: {
          ...text(theme.font.body, theme.color.textMuted, false, { textAlign: 'center', wordWrapWidth: 1300, lineHeight: 44 }),
          text: 'Use Phone is quickest: scan a code and sign in there. Use Remote to type your email and password here.',
        },
      },
      List: {
        type: ButtonList,
        x: centreX - 280,
        y: 480,
        items: [
          { id: 'usePhone', label: 'Use Phone' },
          { id: 'useRemote', label: 'Use Remote' },
        ],
        signals: { select: '_onSelect' },
      },
    }
  }

  get announce() {
    return 'Choose How to Sign In'
  }

  override _getFocused() {
    return this.tag('List')
  }

  _onSelect(id: string) {
    sendFlow(this, { type: id === 'usePhone' ? 'signin.usePhone' : 'signin.useRemote' })
  }
}
