// Get Help: Sign Out, plus "Check your network" and "About this device", whose details show beside the list.
import { Component } from '../lightning'
import { announce } from '../announcer'
import { ButtonList } from '../components/ButtonList'
import { sendFlow } from '../components/send'
import { panel, text } from '../components/styles'
import type { DeviceInfo } from '../flow/types'
import { theme } from '../theme'
import { contentTop, contentX } from './layout'

export interface GetHelpSpec extends Component.TemplateSpec {
  device?: DeviceInfo
  Heading: object
  List: typeof ButtonList
  Details: { Title: object; Body: object }
}

const items = [
  { id: 'signOut', label: 'Sign Out' },
  { id: 'network', label: 'Check your network' },
  { id: 'about', label: 'About this device' },
]

const detailsX = contentX + 680

export class GetHelp extends Component<GetHelpSpec> implements Component.ImplementTemplateSpec<GetHelpSpec> {
  device: DeviceInfo | undefined

  static override _template(): Component.Template<GetHelpSpec> {
    return {
      Heading: { x: contentX, y: contentTop, text: { ...text(theme.font.title, theme.color.text, true), text: 'Get Help' } },
      List: { type: ButtonList, x: contentX, y: contentTop + 160, items, signals: { select: '_onSelect', focusItem: '_showDetails' } },
      Details: {
        x: detailsX,
        y: contentTop + 160,
        ...panel(theme.layout.w - detailsX - theme.layout.safeX, 560, theme.color.surface, 24),
        Title: { x: 48, y: 40, text: text(theme.font.heading, theme.color.text, true) },
        Body: { x: 48, y: 120, text: text(theme.font.body, theme.color.textMuted, false, { wordWrapWidth: 900, lineHeight: 48 }) },
      },
    }
  }

  override _init() {
    this._showDetails('signOut')
  }

  get announce() {
    return 'Get Help'
  }

  override _getFocused() {
    return this.tag('List')
  }

  override _handleLeft() {
    sendFlow(this, { type: 'menu.open' })
  }

  _onSelect(id: string) {
    if (id === 'signOut') sendFlow(this, { type: 'help.signOut' })
  }

  _showDetails(id: string) {
    const d = this.device
    const details: Record<string, [string, string]> = {
      signOut: ['Sign Out', 'Sign out of Tenfoot on this TV. Your other devices stay signed in.'],
      network: [
        'Check your network',
        typeof navigator !== 'undefined' && navigator.onLine
          ? 'This TV is connected to a network. If titles do not load, restart your router and try again.'
          : 'This TV is not connected. Check the network cable or Wi-Fi in your TV settings, then try again.',
      ],
      about: [
        'About this device',
        d ? `Device name: ${d.name}\nPlatform: ${d.platformLabel}\nModel: ${d.model}\nApp version: ${d.appVersion}` : '',
      ],
    }
    const [title, body] = details[id] ?? ['', '']
    this.tag('Details.Title')?.patch({ text: { text: title } })
    this.tag('Details.Body')?.patch({ text: { text: body } })
    // What the panel shows is said after the focused item, so a listener gets the details too.
    announce([body.replace(/\n/g, '. ')])
  }
}
