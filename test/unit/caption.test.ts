// A tile's caption: text that does not fit its width is cut with an ellipsis instead of running into the next tile.
import { describe, expect, it } from 'vitest'
import { caption, fitted } from '../../src/components/styles'

// A monospaced stand-in for a canvas: 10 px per character, the ellipsis included.
const mono = { measureText: (s: string) => ({ width: s.length * 10 }) as TextMetrics }

describe('caption text', () => {
  it('When the text fits, then it is shown whole', () => {
    expect(fitted(mono, 'Lost Archive', 120)).toBe('Lost Archive')
  })

  it('When the text is too wide, then it is cut to the longest start that fits with an ellipsis', () => {
    const shown = fitted(mono, 'The Extraordinarily Long Title', 100)
    expect(shown).toBe('The Extra…')
    expect(mono.measureText(shown).width).toBeLessThanOrEqual(100)
  })

  it('When the cut falls after a space, then no space is left before the ellipsis', () => {
    expect(fitted(mono, 'Glass Frontier', 70)).toBe('Glass…')
  })

  it('When two tiles show the same title and details, then they share one texture; different words get their own', () => {
    const line = (text: string) => ({ text, size: 28, color: 0xffffffff, baseline: 28 })
    const id = (t: ReturnType<typeof caption>) => t.content.lookupId
    expect(id(caption(280, 84, [line('Lost Archive'), line('2025 · Drama')]))).toBe(id(caption(280, 84, [line('Lost Archive'), line('2025 · Drama')])))
    expect(id(caption(280, 84, [line('Lost Archive'), line('2025 · Drama')]))).not.toBe(id(caption(280, 84, [line('Lost Archive'), line('2024 · Drama')])))
  })
})
