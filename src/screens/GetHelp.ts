// Get Help: Sign Out, plus "Check your network" and "About this device", whose details show beside the list.
import { Component } from '../lightning'
import { announce } from '../announcer'
import { ButtonList } from '../components/ButtonList'
import { sendFlow } from '../components/send'
import { panel, text } from '../components/styles'
import type { DeviceInfo, FlowContext, NetworkCheck } from '../flow/types'
import { theme } from '../theme'
import { contentTop, contentX } from './layout'

export interface GetHelpSpec extends Component.TemplateSpec {
  device?: DeviceInfo
  account?: string
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
const detailsW = theme.layout.w - detailsX - theme.layout.safeX

export class GetHelp extends Component<GetHelpSpec> implements Component.ImplementTemplateSpec<GetHelpSpec> {
  device: DeviceInfo | undefined
  private networkCheck: NetworkCheck | null = null
  /** The signed-in account's email, once the TV knows it. */
  account: string | undefined
  /** The item whose details the panel shows. */
  private detailsId = 'signOut'

  static override _template(): Component.Template<GetHelpSpec> {
    return {
      Heading: { x: contentX, y: contentTop, text: { ...text(theme.font.title, theme.color.text, true), text: 'Get Help' } },
      List: { type: ButtonList, x: contentX, y: contentTop + 160, items, signals: { select: '_onSelect', focusItem: '_showDetails' } },
      Details: {
        x: detailsX,
        y: contentTop + 160,
        ...panel(detailsW, 560, theme.color.surface, 24),
        Title: { x: 48, y: 40, text: text(theme.font.heading, theme.color.text, true) },
        Body: { x: 48, y: 120, text: text(theme.font.body, theme.color.textMuted, false, { wordWrapWidth: detailsW - 96, lineHeight: 48 }) },
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
    if (id === 'network') sendFlow(this, { type: 'help.checkNetwork' })
  }

  /** The flow's latest context: a network check's progress and result are shown (and said) as they come. */
  set context(context: FlowContext) {
    const changed = context.networkCheck !== this.networkCheck
    const accountChanged = context.session?.account !== this.account
    this.networkCheck = context.networkCheck
    this.account = context.session?.account
    if (changed && this.detailsId === 'network') this._showDetails('network')
    // Learnt while the panel is up: shown, not said again over whatever is being said now.
    if (accountChanged && this.detailsId !== 'network') this._showDetails(this.detailsId, true)
  }

  _showDetails(id: string, quiet = false) {
    this.detailsId = id
    const d = this.device
    const details: Record<string, [string, string]> = {
      signOut: ['Sign Out', `${this.account ? `This TV is signed in to ${this.account}. ` : ''}Sign out of Tenfoot on this TV. Your other devices stay signed in.`],
      network: ['Check your network', networkWords(this.networkCheck)],
      about: [
        'About this device',
        d ? `${this.account ? `Account: ${this.account}\n` : ''}Device name: ${d.name}\nPlatform: ${d.platformLabel}\nModel: ${d.model}\nApp version: ${d.appVersion}` : '',
      ],
    }
    const [title, body] = details[id] ?? ['', '']
    this.tag('Details.Title')?.patch({ text: { text: title } })
    this.tag('Details.Body')?.patch({ text: { text: body } })
    // What the panel shows is said after the focused item, so a listener gets the details too.
    if (!quiet) announce([body.replace(/\n/g, '. ')])
  }
}

/** What a check found, in words that say what to do next. */
function networkWords(check: NetworkCheck | null): string {
  switch (check?.result) {
    case undefined:
      return 'Press OK to check this TV’s connection to Tenfoot.'
    case 'checking':
      return 'Checking…'
    case 'offline':
      return 'This TV is not connected to a network. Check the network cable or Wi-Fi in your TV settings, then press OK to check again.'
    case 'unreachable':
      return 'This TV is on a network, but Tenfoot’s servers can’t be reached right now. Check that other apps can go online, or restart your router. Tenfoot keeps trying by itself.'
    case 'reached':
      return `Connected. Tenfoot’s servers answered in ${check.ms} ms. If titles still do not load, restart your router and try again.`
  }
}
