// The theme keeps text readable from the couch: WCAG contrast of every text/background pair the screens use, and type sizes.
import { describe, expect, it } from 'vitest'
import { theme } from '../../src/theme'

function luminance(argb: number): number {
  const channel = (shift: number) => {
    const c = ((argb >>> shift) & 0xff) / 255
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
  }
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0)
}

function contrast(a: number, b: number): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

const c = theme.color
const pairs: Array<[string, number, number]> = [
  ['text on background', c.text, c.background],
  ['muted text on background', c.textMuted, c.background],
  ['muted text on a panel', c.textMuted, c.surface],
  ['text on a raised button', c.text, c.surfaceRaised],
  ['text on the focused button', c.text, c.primary],
  ['accent on background', c.accent, c.background],
  ['errors on background', c.danger, c.background],
  ['QR modules', c.qrDark, c.qrLight],
]

describe('readable from ten feet', () => {
  it.each(pairs)('When %s is drawn, then its contrast is at least 4.5:1', (_name, fg, bg) => {
    expect(contrast(fg, bg)).toBeGreaterThanOrEqual(4.5)
  })

  it('When body text is set, then no size is below 28 px', () => {
    expect(Math.min(theme.font.body, theme.font.small, theme.font.heading, theme.font.title)).toBeGreaterThanOrEqual(28)
  })
})
