// Home: a hero for the featured title above rails of tiles; Left from the first column opens the main menu.
import { Component } from '../lightning'
import { paced } from '../components/pace'
import { RailStack } from '../components/RailStack'
import { sendFlow } from '../components/send'
import { textBlock } from '../components/styles'
import { argb } from '../components/Tile'
import { theme } from '../theme'
import { catalogue } from './catalogue'
import { contentX } from './layout'

export interface HomeSpec extends Component.TemplateSpec {
  Hero: { Backdrop: object; Text: object }
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
        // The featured title's details, name and description: one texture, laid out once.
        Text: {
          x: contentX,
          y: 110,
          ...textBlock(
            [
              { text: hero.meta, size: theme.font.small, color: theme.color.accent, bold: true, top: 0 },
              { text: hero.title, size: 80, color: theme.color.text, bold: true, top: 50 },
              { text: hero.description, size: theme.font.body, color: theme.color.text, top: 160, lineHeight: 44, maxLines: 3 },
            ],
            1100,
          ),
        },
      },
      Rails: { type: RailStack, x: contentX, y: heroH + 20, rails: catalogue.sections.home, signals: { railChanged: true } },
    }
  }

  get announce() {
    return 'Home'
  }

  override _getFocused() {
    return this.tag('Rails')
  }

  /**
   * The rails scroll up over the hero: it gives way below the first rail, its texts so no text is drawn over another, and
   * its backdrop so the rails below it are not left on a band of the featured title's colour.
   */
  railChanged(index: number) {
    this.tag('Hero')?.setSmooth('alpha', index === 0 ? 1 : 0, paced(theme.motion.scrollS))
  }

  override _handleLeft() {
    sendFlow(this, { type: 'menu.open' })
  }
}
