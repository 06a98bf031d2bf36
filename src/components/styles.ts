// Pure style functions of the theme, shared by every component so a reskin is one edit in theme.ts.
import { type Element, RoundedRectangleShader, type TextTexture } from '../lightning'
import { theme } from '../theme'

export const fontFace = { regular: 'TenfootSans', bold: 'TenfootSansBold' } as const

export function text(size: number, color: number = theme.color.text, bold = false, extra: Partial<TextTexture.Settings> = {}) {
  return { text: '', fontFace: bold ? fontFace.bold : fontFace.regular, fontSize: size, textColor: color, ...extra }
}

// Panels and rings are rectangles shaped by the GPU (the RoundedRectangle shader), not canvas textures: nothing to
// draw on a canvas and upload at launch, which on a TV chip is most of the first frame's cost.

/** An outline drawn around the focused element; focus is never shown by colour alone. */
export function focusRing(w: number, h: number) {
  const pad = theme.focus.ringWidth * 2
  return {
    x: -pad / 2,
    y: -pad / 2,
    w: w + pad,
    h: h + pad,
    rect: true,
    shader: { type: RoundedRectangleShader, radius: theme.focus.radius + 4, stroke: theme.focus.ringWidth, strokeColor: theme.color.focusRing, fillColor: 0x00000000 },
  }
}

export function panel(w: number, h: number, color: number, radius: number | [number, number, number, number] = theme.focus.radius) {
  return { w, h, rect: true, color, shader: { type: RoundedRectangleShader, radius } }
}

/** The focus transition: scale up and show the ring, quickly enough to feel instant. */
export function showFocus(el: Element, ring: Element | undefined, focused: boolean): void {
  el.setSmooth('scale', focused ? theme.focus.scale : 1, { duration: theme.focus.durationS })
  ring?.setSmooth('alpha', focused ? 1 : 0, { duration: theme.focus.durationS })
}
