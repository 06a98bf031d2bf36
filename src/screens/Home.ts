// Home: a hero for the featured title above rails of tiles; Left from the first column opens the main menu.
import { Component } from '../lightning'
import { RailStack } from '../components/RailStack'
import { sendFlow } from '../components/send'
import { text } from '../components/styles'
import { argb } from '../components/Tile'
import { theme } from '../theme'
import { catalogue } from './catalogue'
import { contentX } from './layout'

export interface HomeSpec extends Component.TemplateSpec {
  Hero: { Backdrop: object; Meta: object; Title: object; Description: object }
  Rails: typeof RailStack
}

const heroH = 470

export class Home extends Component<HomeSpec> implements Component.ImplementTemplateSpec<HomeSpec> {
  static override _template(): Component.Template<HomeSpec> {
    const { hero } = catalogue
    return {
      Hero: {
        Backdrop: {
          rect: true,
          w: theme.layout.w,
          h: heroH,
          colorLeft: argb(hero.color),
          colorRight: theme.color.background,
        },
        Meta: { x: contentX, y: 110, text: { ...text(theme.font.small, theme.color.accent, true), text: hero.meta } },
        Title: { x: contentX, y: 160, text: { ...text(80, theme.color.text, true), text: hero.title } },
        Description: {
          x: contentX,
          y: 270,
          text: { ...text(theme.font.body, theme.color.text, false, { wordWrapWidth: 1100, lineHeight: 44, maxLines: 3 }), text: hero.description },
        },
      },
      Rails: { type: RailStack, x: contentX, y: heroH + 20, rails: catalogue.sections.home },
    }
  }

  get announce() {
    return 'Home'
  }

  override _getFocused() {
    return this.tag('Rails')
  }

  override _handleLeft() {
    sendFlow(this, { type: 'menu.open' })
  }
}
