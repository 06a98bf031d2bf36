// A tile's caption: text that does not fit its width is cut with an ellipsis instead of running into the next tile.
import { describe, expect, it } from 'vitest'
import { caption, fitted, fittedEnd, textBlock, wrapped } from '../../src/components/styles'

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

  it('When a typed entry is too wide for its field, then its end shows, where the typing is, after an ellipsis', () => {
    expect(fittedEnd(mono, 'me@tenfoot.tv|', 200)).toBe('me@tenfoot.tv|')
    const shown = fittedEnd(mono, 'a.very.long.address@example.com|', 120)
    expect(shown).toBe('…xample.com|')
    expect(mono.measureText(shown).width).toBeLessThanOrEqual(120)
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

describe('text blocks', () => {
  it('When a text is wider than its lines, then it breaks between words, each line within the width', () => {
    const lines = wrapped(mono, 'A lighthouse keeper hears a message', 160, 3).map((r) => r.text)
    expect(lines).toEqual(['A lighthouse', 'keeper hears a', 'message'])
    for (const line of lines) expect(mono.measureText(line).width).toBeLessThanOrEqual(160)
  })

  it('When a text needs more lines than it may have, then the last one ends in an ellipsis and nothing runs past it', () => {
    const lines = wrapped(mono, 'A lighthouse keeper hears a message no one else can', 160, 2).map((r) => r.text)
    expect(lines).toEqual(['A lighthouse', 'keeper hears a…'])
    expect(mono.measureText(lines[1]!).width).toBeLessThanOrEqual(160)
  })

  it('When a text fits on one line, then it is that line, measured once instead of word by word', () => {
    const measured: string[] = []
    const counting = { measureText: (s: string) => (measured.push(s), mono.measureText(s)) }
    expect(wrapped(counting, '  Top Picks   for You ', 200, 3)).toEqual([{ text: 'Top Picks for You', width: 170 }])
    expect(measured).toEqual(['Top Picks for You'])
    expect(wrapped(counting, '   ', 200)).toEqual([])
  })

  it('When one word is wider than the line, then it is cut rather than overflowing', () => {
    expect(wrapped(mono, 'Supercalifragilistic', 100)).toEqual([{ text: 'Supercali…', width: 100 }])
  })

  it('When texts are laid out as a block, then each sits a font size below its top, wrapped lines a line height apart, and the block is as wide as its widest line', () => {
    const ctx = { ...mono, font: '' }
    const block = textBlock(
      [
        { text: 'Drama', size: 28, color: 0xffffffff, top: 0 },
        { text: 'A lighthouse keeper hears a message', size: 32, color: 0xffffffff, top: 50, lineHeight: 44, maxLines: 3 },
      ],
      160,
      ctx,
    )
    expect(block.w).toBe(141)
    expect(block.h).toBe(50 + 32 + 2 * 44 + 16)
    const id = block.texture.content.lookupId
    for (const drawn of ['28:4294967295:28:Drama', '32:4294967295:82:A lighthouse', '32:4294967295:126:keeper hears a', '32:4294967295:170:message']) expect(id).toContain(drawn)
  })
})

