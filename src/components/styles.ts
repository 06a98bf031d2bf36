// Pure style functions of the theme, shared by every component so a reskin is one edit in theme.ts.
import { type Element, StaticCanvasTexture, type TextTexture } from '../lightning'
import { theme } from '../theme'
import { paced } from './pace'

/**
 * Lightning text settings. A text wraps only when it is given a `wordWrapWidth`: Lightning wraps every text by default,
 * measuring it word by word, which is wasted on a title or a label (README "Performance").
 */
export function text(size: number, color: number = theme.color.text, bold = false, extra: Partial<TextTexture.Settings> = {}) {
  return { text: '', fontFace: bold ? theme.fontFace.bold : theme.fontFace.regular, fontSize: size, textColor: color, wordWrap: extra.wordWrapWidth !== undefined, ...extra }
}

// Panels and rings are white rounded rectangles drawn once per shape on a canvas, at the size they are drawn on screen,
// and tinted by the element's colour. Every tile, button and ring of one size shares one texture, and all of them draw
// with Lightning's default shader, so a screen of tiles is a few batched draw calls. (The RoundedRectangle shader
// costs a shader compile at launch and one draw call per element: README "Performance".)

type Radii = [number, number, number, number]

/**
 * A texture drawn once on a 2D canvas, w×h in design pixels, at the size it is shown (the stage's render precision).
 * Every element asking for the same lookupId shares it.
 */
function canvasTexture(lookupId: string, w: number, h: number, draw: (ctx: CanvasRenderingContext2D) => void) {
  const factory: StaticCanvasTexture.Factory = (cb, stage) => {
    const scale = stage.getRenderPrecision()
    const canvas = stage.platform.getDrawingCanvas()
    // Setting the size also clears the canvas and resets its context.
    canvas.width = Math.max(1, Math.ceil(w * scale))
    canvas.height = Math.max(1, Math.ceil(h * scale))
    const ctx = canvas.getContext('2d')
    if (!ctx) return cb(new Error(`No 2D canvas to draw ${lookupId}`))
    ctx.scale(scale, scale)
    draw(ctx)
    cb(null, canvas)
  }
  return { type: StaticCanvasTexture, content: { lookupId, factory } }
}

/** A band at the bottom of a filled shape: from `y` down, white is `grey` instead (see `shadedPanel`). */
interface Band {
  y: number
  grey: number
}

/** White above the band, grey within it, with a hard edge between. */
function bandFill(ctx: CanvasRenderingContext2D, h: number, band: Band): CanvasGradient {
  const fill = ctx.createLinearGradient(0, 0, 0, h)
  const grey = `rgb(${band.grey},${band.grey},${band.grey})`
  fill.addColorStop(0, '#ffffff')
  fill.addColorStop(band.y / h, '#ffffff')
  fill.addColorStop(band.y / h, grey)
  fill.addColorStop(1, grey)
  return fill
}

function roundedRect(w: number, h: number, radius: number | Radii, stroke = 0, band?: Band) {
  const radii: Radii = typeof radius === 'number' ? [radius, radius, radius, radius] : radius
  return canvasTexture(`rr:${w}x${h}:${radii.join(',')}:${stroke}${band ? `:${band.y}:${band.grey}` : ''}`, w, h, (ctx) => {
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
      ctx.fillStyle = band ? bandFill(ctx, h, band) : '#ffffff'
      ctx.fill()
    }
  })
}

export const cssColor = (argb: number) => `rgba(${(argb >>> 16) & 0xff},${(argb >>> 8) & 0xff},${argb & 0xff},${((argb >>> 24) & 0xff) / 255})`

export interface CaptionLine {
  text: string
  size: number
  color: number
  bold?: boolean
  /** The line's baseline, from the top of the caption: Lightning's text puts it one font size below the text's top. */
  baseline: number
}

/** The longest of `shown(0)` … `shown(count)` (each wider than the one before) that fits in `maxW`. */
function longestFitting(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, count: number, maxW: number, shown: (n: number) => string): string {
  let lo = 0
  let hi = count
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (ctx.measureText(shown(mid)).width <= maxW) lo = mid
    else hi = mid - 1
  }
  return shown(lo)
}

/** `text` as wide as fits in `maxW`, cut at a character with an ellipsis when it does not. */
export function fitted(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, maxW: number): string {
  if (ctx.measureText(text).width <= maxW) return text
  return longestFitting(ctx, text.length, maxW, (n) => `${text.slice(0, n).trimEnd()}…`)
}

/** `text` as wide as fits in `maxW`, its start cut with an ellipsis when it does not: a field shows where the typing is. */
export function fittedEnd(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, maxW: number): string {
  if (ctx.measureText(text).width <= maxW) return text
  return longestFitting(ctx, text.length, maxW, (n) => `…${text.slice(text.length - n)}`)
}

/** A line of laid-out text and its width. */
export interface Row {
  text: string
  width: number
}

/**
 * Words of `text` in at most `maxLines` lines no wider than `maxW`; the last is cut with an ellipsis if words remain.
 * A text that fits on one line (a title, a label) is measured once, whole. Otherwise each word is measured once and lines
 * are summed from words and spaces, instead of measuring every longer line again.
 */
export function wrapped(ctx: Pick<CanvasRenderingContext2D, 'measureText'>, text: string, maxW: number, maxLines = 1): Row[] {
  const words = text.split(/\s+/).filter(Boolean)
  const whole = words.join(' ')
  const wholeW = ctx.measureText(whole).width
  if (wholeW <= maxW) return whole ? [{ text: whole, width: wholeW }] : []
  const space = ctx.measureText(' ').width
  const rows: Row[] = []
  const cut = (line: string): Row => {
    const shown = fitted(ctx, line, maxW)
    return { text: shown, width: ctx.measureText(shown).width }
  }
  let line = ''
  let width = 0
  for (const [i, word] of words.entries()) {
    const w = ctx.measureText(word).width
    if (!line || width + space + w <= maxW) {
      width = line ? width + space + w : w
      line = line ? `${line} ${word}` : word
      continue
    }
    if (rows.length === maxLines - 1) return [...rows, cut(`${line} ${words.slice(i).join(' ')}`)]
    rows.push(width > maxW ? cut(line) : { text: line, width })
    line = word
    width = w
  }
  if (line) rows.push(width > maxW ? cut(line) : { text: line, width })
  return rows
}

const font = (size: number, bold = false) => `${size}px ${bold ? theme.fontFace.bold : theme.fontFace.regular}`

/** Lines of text in several styles drawn on one canvas texture; `cut` fits each to the width at drawing time. */
function linesTexture(kind: string, w: number, h: number, lines: CaptionLine[], cut: boolean) {
  const id = lines.map((l) => `${l.size}${l.bold ? 'b' : ''}:${l.color}:${l.baseline}:${l.text}`).join('|')
  return canvasTexture(`${kind}:${w}x${h}:${id}`, w, h, (ctx) => {
    for (const line of lines) {
      ctx.font = font(line.size, line.bold)
      ctx.fillStyle = cssColor(line.color)
      ctx.fillText(cut ? fitted(ctx, line.text, w) : line.text, 0, line.baseline)
    }
  })
}

/**
 * Lines of text in several styles as one texture, each cut to the width. A tile's title and details are one texture
 * instead of two Lightning texts: half the textures to draw and upload when a rail comes into view (README
 * "Performance"). For short fixed captions; `textBlock` lays out texts that wrap.
 */
export function caption(w: number, h: number, lines: CaptionLine[]) {
  return linesTexture('caption', w, h, lines, true)
}

/** A text of a block: its top in the block, and, if it may wrap, its line height and most lines. */
export interface TextRun {
  text: string
  size: number
  color: number
  bold?: boolean
  top: number
  lineHeight?: number
  maxLines?: number
}

let measuring: CanvasRenderingContext2D | null | undefined
const measurer = () => (measuring ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d'))

/** The end of a one-line text in this font that fits `maxW` (see `fittedEnd`). */
export function fittedEndIn(text: string, size: number, maxW: number, bold = false): string {
  const ctx = measurer()
  if (!ctx) return text
  ctx.font = font(size, bold)
  return fittedEnd(ctx, text, maxW)
}

/**
 * Texts laid out together as one texture as wide as its widest line (at most `maxW`), with each text where a Lightning
 * text of its size would put it (baseline one font size below its top). Home's hero is one texture instead of three
 * Lightning texts, and a rail's title skips Lightning's text layout: each Lightning text in Home's first frame cost a
 * layout pass, a canvas and an upload (README "Performance"). Laid out once, when made; drawn as laid out. Returns the
 * element's size and texture.
 */
export function textBlock(runs: TextRun[], maxW: number, ctx: Pick<CanvasRenderingContext2D, 'measureText' | 'font'> | null = measurer()) {
  const lines: CaptionLine[] = []
  let width = 0
  for (const run of runs) {
    if (ctx) ctx.font = font(run.size, run.bold)
    const rows = ctx ? wrapped(ctx, run.text, maxW, run.maxLines) : [{ text: run.text, width: maxW }]
    rows.forEach((row, i) => {
      width = Math.max(width, row.width)
      lines.push({ text: row.text, size: run.size, color: run.color, bold: run.bold, baseline: run.top + run.size + i * (run.lineHeight ?? run.size) })
    })
  }
  // One pixel to spare on the right, so the last glyph's antialiased edge is not cut off.
  const w = Math.min(maxW, Math.ceil(width) + 1)
  const h = Math.ceil(Math.max(0, ...lines.map((l) => l.baseline + l.size / 2)))
  return { w, h, texture: linesTexture('block', w, h, lines, false) }
}

/**
 * Short bold texts (the menu's icons, and its labels), white, one above another in one texture. The function it returns
 * gives the element that shows text `i`, tinted `color`: the menu's six icons are one texture to draw and upload instead
 * of six Lightning texts, its six labels another, and marking the current page is a tint, not a redraw (README
 * "Performance"). Each text sits where a Lightning text of that size puts it: baseline one font size down in a box one
 * and a half font sizes high. A text wider than `cellW` is cut off, unlike a Lightning text: give the widest a cell.
 */
export function glyphStrip(glyphs: readonly string[], size: number, cellW: number) {
  const cellH = size * 1.5
  const strip = canvasTexture(`glyphs:${size}:${cellW}:${glyphs.join('')}`, cellW, cellH * glyphs.length, (ctx) => {
    ctx.font = font(size, true)
    ctx.fillStyle = '#ffffff'
    glyphs.forEach((glyph, i) => ctx.fillText(glyph, 0, i * cellH + size))
  })
  // The texture's clip is in its own pixels, drawn at the stage's render precision.
  return (i: number, precision: number, color: number) => ({
    w: cellW,
    h: cellH,
    color,
    texture: { ...strip, y: i * cellH * precision, w: cellW * precision, h: cellH * precision },
  })
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

/**
 * A panel whose bottom `shadeH` pixels look as if black at `shade` opacity (0–1) lay over them, in one texture: the tint
 * multiplies, so grey there gives the colour times 1 − shade, which is what the black layer gave. A tile's art and the
 * shade under its caption are one element and one texture instead of two (README "Performance").
 */
export function shadedPanel(w: number, h: number, color: number, shadeH: number, shade: number) {
  return { w, h, color, texture: roundedRect(w, h, theme.focus.radius, 0, { y: h - shadeH, grey: Math.round(255 * (1 - shade)) }) }
}

/** The focus transition: scale up and show the ring, quickly enough to feel instant. */
export function showFocus(el: Element, ring: Element | undefined, focused: boolean): void {
  el.setSmooth('scale', focused ? theme.focus.scale : 1, paced(theme.motion.focusS))
  ring?.setSmooth('alpha', focused ? 1 : 0, paced(theme.motion.focusS))
}
