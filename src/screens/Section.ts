// A section page from the main menu (Search, TV Shows, Movies, My List): a heading over rails of tiles.
import { Component } from '../lightning'
import { menuLabels } from '../components/NavMenu'
import { RailStack } from '../components/RailStack'
import { sendFlow } from '../components/send'
import { text } from '../components/styles'
import type { Section as SectionName } from '../flow/types'
import { theme } from '../theme'
import { catalogue } from './catalogue'
import { contentTop, contentX } from './layout'

export interface SectionSpec extends Component.TemplateSpec {
  section: Exclude<SectionName, 'home' | 'getHelp'>
  Heading: object
  Note: object
  Rails: typeof RailStack
}

const notes: Partial<Record<SectionName, string>> = {
  search: 'Search by voice or keyboard is coming soon. Meanwhile, here is what others look for.',
}

export class Section extends Component<SectionSpec> implements Component.ImplementTemplateSpec<SectionSpec> {
  private _section: SectionSpec['section'] = 'movies'

  static override _template(): Component.Template<SectionSpec> {
    return {
      Heading: { x: contentX, y: contentTop, text: text(theme.font.title, theme.color.text, true) },
      Note: { x: contentX, y: contentTop + 96, text: text(theme.font.body, theme.color.textMuted, false, { wordWrapWidth: 1400 }) },
      Rails: { type: RailStack, x: contentX, y: contentTop + 180 },
    }
  }

  set section(section: SectionSpec['section']) {
    this._section = section
    this.tag('Heading')?.patch({ text: { text: menuLabels[section].label } })
    this.tag('Note')?.patch({ text: { text: notes[section] ?? '' } })
    const rails = this.tag('Rails')
    if (rails) rails.rails = catalogue.sections[section]
  }

  get section() {
    return this._section
  }

  get announce() {
    return [menuLabels[this._section].label, notes[this._section] ?? ''].filter(Boolean).join('. ')
  }

  override _getFocused() {
    return this.tag('Rails')
  }

  override _handleLeft() {
    sendFlow(this, { type: 'menu.open' })
  }
}
