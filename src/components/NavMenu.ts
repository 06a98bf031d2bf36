// The main menu at the left: a collapsed icon strip that expands with labels when it has focus.
import { Component } from '../lightning'
import { sections, type Section } from '../flow/types'
import { theme } from '../theme'
import { eachWhenIdle } from './idle'
import { paced } from './pace'
import { sendFlow } from './send'
import { focusRing, glyphStrip, panel, showFocus } from './styles'

export const menuLabels: Record<Section, { label: string; icon: string }> = {
  search: { label: 'Search', icon: '◎' },
  home: { label: 'Home', icon: '⌂' },
  tvShows: { label: 'TV Shows', icon: '▭' },
  movies: { label: 'Movies', icon: '▶' },
  myList: { label: 'My List', icon: '+' },
  getHelp: { label: 'Get Help', icon: '?' },
}

const itemH = 96
// A focused item grows from its left edge (pivotX 0), so its ring keeps a margin from the screen's edge (18 px) and
// from the open menu's right edge (14 px) instead of touching both.
const itemW = theme.layout.menuExpandedW - 72
const icons = glyphStrip(sections.map((s) => menuLabels[s].icon), 44, 48)
const labelX = 96
// The six labels are one texture too, drawn once when the menu is first prepared: six Lightning texts cost a layout, a
// font check, a canvas and an upload each, and a profile of a 6× CPU walk put 308 ms into preparing them (README
// "Performance").
const labels = glyphStrip(sections.map((s) => menuLabels[s].label), theme.font.body, itemW - labelX)

export interface NavMenuSpec extends Component.TemplateSpec {
  Background: object
  Items: object
}

class MenuItem extends Component {
  section: Section = 'home'
  position = ''
  current = false

  static override _template() {
    return {
      w: itemW,
      h: itemH - 12,
      pivotX: 0,
      Highlight: { ...panel(itemW, itemH - 12, theme.color.surfaceRaised), alpha: 0 },
      Icon: { x: 24, y: (itemH - 12) / 2, mountY: 0.5 },
    }
  }

  override _init() {
    this.tag('Icon')?.patch(icons(sections.indexOf(this.section), this.stage.getRenderPrecision(), theme.color.text))
  }

  /** The label and focus ring, which only the open menu shows: made in idle time once Home shows, or when first needed. */
  prepare() {
    if (this.tag('Label')) return
    this.patch({
      Ring: { ...focusRing(itemW, itemH - 12), alpha: 0 },
      Label: { x: labelX, y: (itemH - 12) / 2, mountY: 0.5, alpha: 0, ...labels(sections.indexOf(this.section), this.stage.getRenderPrecision(), theme.color.text) },
    })
  }

  get announce() {
    return [menuLabels[this.section].label, this.current ? 'current page' : '', this.position].filter(Boolean).join(', ')
  }

  setExpanded(expanded: boolean, current: boolean) {
    this.current = current
    if (expanded) this.prepare()
    this.tag('Label')?.setSmooth('alpha', expanded ? 1 : 0, paced(theme.motion.menuS))
    this.tag('Highlight')?.setSmooth('alpha', current ? 1 : 0, paced(theme.motion.menuS))
    this.tag('Icon')?.patch({ color: current ? theme.color.accent : theme.color.text })
  }

  override _focus() {
    this.prepare()
    showFocus(this, this.tag('Ring'), true)
  }

  override _unfocus() {
    showFocus(this, this.tag('Ring'), false)
  }
}

export class NavMenu extends Component<NavMenuSpec> implements Component.ImplementTemplateSpec<NavMenuSpec> {
  private _index = sections.indexOf('home')
  private _current: Section = 'home'
  private _expanded = false

  static override _template(): Component.Template<NavMenuSpec> {
    return {
      w: theme.layout.menuCollapsedW,
      h: theme.layout.h,
      // Clip to the strip's width so labels and highlights only show once it expands.
      clipping: true,
      Background: { rect: true, w: theme.layout.menuCollapsedW, h: theme.layout.h, color: theme.color.surface },
      Items: {
        x: 24,
        y: 260,
        children: sections.map((section, i) => ({ type: MenuItem, section, y: i * itemH, position: `${i + 1} of ${sections.length}` })),
      },
    }
  }

  get announce() {
    return 'Main menu'
  }

  // The labels, the highlight and the focus ring show only when the menu opens. They are made and drawn in idle time
  // once Home has shown, one item at a time, so neither Home's first frame nor the first press of Left pays for them
  // (README "Performance"). The labels, the highlights and the rings share one texture each: only the first item draws
  // them, so a first Left that comes before that idle time draws three textures, not eight.
  override _firstActive() {
    eachWhenIdle(
      (this.tag('Items')?.children ?? []) as MenuItem[],
      (item) => {
        item.prepare()
        for (const part of ['Label', 'Highlight', 'Ring']) item.tag(part)?.loadTexture()
      },
      300,
    )
  }

  /** Expanding puts focus on the current page's item, as a user expects on reopening. */
  show(expanded: boolean, current: Section) {
    if (expanded && !this._expanded) this._index = sections.indexOf(current)
    this._expanded = expanded
    this._current = current
    const w = expanded ? theme.layout.menuExpandedW : theme.layout.menuCollapsedW
    this.tag('Background')?.setSmooth('w', w, paced(theme.motion.menuS))
    this.setSmooth('w', w, paced(theme.motion.menuS))
    this.tag('Items')?.children.forEach((c) => (c as MenuItem).setExpanded(expanded, (c as MenuItem).section === current))
  }

  override _getFocused() {
    return this.tag('Items')?.children[this._index] as Component | undefined
  }

  override _handleUp() {
    this._index = Math.max(0, this._index - 1)
  }

  override _handleDown() {
    this._index = Math.min(sections.length - 1, this._index + 1)
  }

  override _handleRight() {
    sendFlow(this, { type: 'menu.close' })
  }

  override _handleLeft() {
    // Already at the left edge: nothing further, and the key stops here.
  }

  override _handleEnter() {
    const section = sections[this._index]
    if (section) sendFlow(this, { type: 'menu.select', section })
  }

  get current() {
    return this._current
  }
}
