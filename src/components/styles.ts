// Pure style functions of the theme, shared by every component so a reskin is one edit in theme.ts.
import { type Element, StaticCanvasTexture, type TextTexture } from '../lightning'
import { theme } from '../theme'

export const fontFace = { regular: 'TenfootSans', bold: 'TenfootSansBold' } as const

export function text(size: number, color: number = theme.color.text, bold = false, extra: Partial<TextTexture.Settings> = {}) {
  return { text: '', fontFace: bold ? fontFace.bold : fontFace.regular, fontSize: size, textColor: color, ...extra }
}

// Panels and rings are white rounded rectangles drawn once per shape on a canvas, at the size they are drawn on screen,
// and tinted by the element's colour. Every tile, button and ring of one size shares one texture, and all of them draw
// with Lightning's default shader, so a screen of tiles is a few batched draw calls. (The RoundedRectangle shader
// costs a shader compile at launch and one draw call per element: README "Performance".)

type Radii = [number, number, number, number]

function roundedRect(w: number, h: number, radius: number | Radii, stroke = 0) {
  const radii: Radii = typeof radius === 'number' ? [radius, radius, radius, radius] : radius
  const factory: StaticCanvasTexture.Factory = (cb, stage) => {
    const scale = stage.getRenderPrecision()
    const canvas = stage.platform.getDrawingCanvas()
    canvas.width = Math.max(1, Math.ceil(w * scale))
    canvas.height = Math.max(1, Math.ceil(h * scale))
    const ctx = canvas.getContext('2d')
    if (!ctx) return cb(new Error('No 2D canvas for a panel'))
    ctx.scale(scale, scale)
    // A stroke is drawn inside the shape's bounds, as the shader drew it.
    const inset = stroke / 2
    const [tl, tr, br, bl] = radii.map((r) => Math.max(0, r - inset)) as Radii
    const x0 = inset
    const y0 = inset
    const x1 = w - inset
    const y1 = h - inset
    ctx.beginPath()
    ctx.moveTo(x0 + tl, y0)
    ctx.arcTo(x1, y0, x1, y1, tr)
    ctx.arcTo(x1, y1, x0, y1, br)
    ctx.arcTo(x0, y1, x0, y0, bl)
    ctx.arcTo(x0, y0, x1, y0, tl)
    ctx.closePath()
    if (stroke > 0) {
      ctx.lineWidth = stroke
      ctx.strokeStyle = '#ffffff'
      ctx.stroke()
    } else {
      ctx.fillStyle = '#ffffff'
      ctx.fill()
    }
    cb(null, canvas)
  }
  return { type: StaticCanvasTexture, content: { lookupId: `rr:${w}x${h}:${radii.join(',')}:${stroke}`, factory } }
}

/** An outline drawn around the focused element; focus is never shown by colour alone. */
export function focusRing(w: number, h: number) {
  const pad = theme.focus.ringWidth * 2
  return {
    x: -pad / 2,
    y: -pad / 2,
    w: w + pad,
    h: h + pad,
    color: theme.color.focusRing,
    texture: roundedRect(w + pad, h + pad, theme.focus.radius + 4, theme.focus.ringWidth),
  }
}

export function panel(w: number, h: number, color: number, radius: number | Radii = theme.focus.radius) {
  return { w, h, color, texture: roundedRect(w, h, radius) }
}

/** The focus transition: scale up and show the ring, quickly enough to feel instant. */
export function showFocus(el: Element, ring: Element | undefined, focused: boolean): void {
  el.setSmooth('scale', focused ? theme.focus.scale : 1, { duration: theme.focus.durationS })
  ring?.setSmooth('alpha', focused ? 1 : 0, { duration: theme.focus.durationS })
}
