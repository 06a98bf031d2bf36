// The on-screen keyboard's keys, as data: what a remote can type, and how Up and Down move.
import { describe, expect, it } from 'vitest'
import { keyRows, keyXs, moveRow, spoken } from '../../src/components/keys'

const pages = [false, true].flatMap((symbols) => [false, true].map((shift) => ({ shift, symbols, masked: true })))
const typed = (press: { kind: string; char?: string }) => (press.kind === 'char' ? press.char : press.kind === 'space' ? ' ' : undefined)

describe('the on-screen keyboard', () => {
  it('When any printable ASCII character is needed (all an email or a password can hold), then some page has a key for it', () => {
    const reachable = new Set(pages.flatMap((page) => keyRows(page).flat().map((k) => typed(k.press))))
    const missing = [...Array(0x7f - 0x20)].map((_, i) => String.fromCharCode(0x20 + i)).filter((c) => !reachable.has(c))
    expect(missing).toEqual([])
  })

  it('When a key has focus, then it says a name a listener understands, never a bare symbol', () => {
    for (const page of pages) {
      for (const key of keyRows(page).flat()) expect(key.announce, key.label).toMatch(/^[A-Za-z0-9][A-Za-z0-9 ,]*$/)
    }
    expect([spoken('b'), spoken('B'), spoken('_'), spoken('@')]).toEqual(['b', 'capital B', 'underscore', 'at'])
  })

  it('When Down then Up (or Up then Down) is pressed, then focus is back on the key it left, on every page and row', () => {
    for (const page of pages) {
      const rows = keyRows(page)
      rows.forEach((row, r) =>
        row.forEach((_, c) => {
          for (const delta of [1, -1]) {
            // The run keeps the x where it began, as Keyboard does.
            const x = keyXs(row)[c]
            const there = moveRow(rows, r, c, delta, x)
            if (!there) continue
            expect(moveRow(rows, there.row, there.col, -delta, x), `${row[c]!.label} ${delta > 0 ? 'Down, Up' : 'Up, Down'}`).toEqual({ row: r, col: c })
          }
        }),
      )
    }
  })

  it('When the page or the case changes, then Space, Delete, Show and Done stay where they were', () => {
    const place = (page: (typeof pages)[number], kind: string) => {
      const last = keyRows(page).at(-1)!
      const i = last.findIndex((k) => k.press.kind === kind)
      return last.slice(0, i).reduce((x, k) => x + k.span, 0)
    }
    for (const kind of ['space', 'delete', 'toggleMask', 'done']) expect(new Set(pages.map((p) => place(p, kind))).size, kind).toBe(1)
  })
})
