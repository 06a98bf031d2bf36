// Pure style functions of the theme, shared by every component so a reskin is one edit in theme.ts.
import { Lightning } from '@lightningjs/sdk'
import { theme } from '../theme'

export const fontFace = { regular: 'TenfootSans', bold: 'TenfootSansBold' } as const

export function text(size: number, color: number = theme.color.text, bold = false, extra: Partial<Lightning.textures.TextTexture.Settings> = {}) {
  return { text: '', fontFace: bold ? fontFace.bold : fontFace.regular, fontSize: size, textColor: color, ...extra }
}

/** An outline drawn around the focused element; focus is never shown by colour alone. */
export function focusRing(w: number, h: number) {
  const pad = theme.focus.ringWidth * 2
  return {
    x: -pad / 2,
    y: -pad / 2,
    texture: Lightning.Tools.getRoundRect(w + pad, h + pad, theme.focus.radius + 4, theme.focus.ringWidth, theme.color.focusRing, false, 0),
  }
}

export function panel(w: number, h: number, color: number, radius: number | [number, number, number, number] = theme.focus.radius) {
  return { texture: Lightning.Tools.getRoundRect(w, h, radius, 0, 0, true, color) }
}

/** The focus transition: scale up and show the ring, quickly enough to feel instant. */
export function showFocus(el: Lightning.Element, ring: Lightning.Element | undefined, focused: boolean): void {
  el.setSmooth('scale', focused ? theme.focus.scale : 1, { duration: theme.focus.durationS })
  ring?.setSmooth('alpha', focused ? 1 : 0, { duration: theme.focus.durationS })
}
