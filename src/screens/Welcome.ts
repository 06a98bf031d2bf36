// Welcome (signed out): the brand, Log In and Get Started, and any notice such as why the user was signed out.
import { Component } from '../lightning'
import { ButtonList } from '../components/ButtonList'
import { sendFlow } from '../components/send'
import { panel, text, textBlock } from '../components/styles'
import { theme } from '../theme'

export interface WelcomeSpec extends Component.TemplateSpec {
  notice: string | null
  Logo: { Mark: object; Letter: object }
  Name: object
  Tagline: object
  Notice: object
  List: typeof ButtonList
}

const centreX = theme.layout.w / 2

export class Welcome extends Component<WelcomeSpec> implements Component.ImplementTemplateSpec<WelcomeSpec> {
  private _notice: string | null = null

  static override _template(): Component.Template<WelcomeSpec> {
    return {
      Logo: {
        x: centreX - 80,
        y: 150,
        Mark: { ...panel(160, 160, theme.color.primary, 40) },
        Letter: { x: 80, y: 84, mount: 0.5, ...textBlock([{ text: theme.brand.logoText, size: 110, color: theme.color.text, bold: true, top: 0 }], 160) },
      },
      Name: { x: centreX, y: 340, mountX: 0.5, ...textBlock([{ text: theme.brand.name, size: theme.font.title, color: theme.color.text, bold: true, top: 0 }], 1400) },
      Tagline: { x: centreX, y: 430, mountX: 0.5, ...textBlock([{ text: theme.brand.tagline, size: theme.font.body, color: theme.color.textMuted, top: 0 }], 1400) },
      Notice: { x: centreX, y: 500, mountX: 0.5, text: text(theme.font.body, theme.color.accent, true, { textAlign: 'center', wordWrapWidth: 1400 }) },
      List: {
        type: ButtonList,
        x: centreX - 280,
        y: 600,
        items: [
          { id: 'logIn', label: 'Log In' },
          { id: 'getStarted', label: 'Get Started' },
        ],
        signals: { select: '_onSelect' },
      },
    }
  }

  set notice(notice: string | null) {
    this._notice = notice
    this.tag('Notice')?.patch({ text: { text: notice ?? '' } })
  }

  get notice() {
    return this._notice
  }

  get announce() {
    return [`Welcome to ${theme.brand.name}`, this._notice ?? ''].filter(Boolean).join('. ')
  }

  override _getFocused() {
    return this.tag('List')
  }

  _onSelect(id: string) {
    sendFlow(this, { type: id === 'logIn' ? 'welcome.logIn' : 'welcome.getStarted' })
  }
}
