// The on-screen keyboard's keys and how the D-pad moves between them, as plain data: Keyboard draws them, and the
// end-to-end tests plan their presses with the same rules.

export type KeyPress = { kind: 'char'; char: string } | { kind: 'shift' | 'symbols' | 'delete' | 'space' | 'done' | 'toggleMask' }

export interface KeyDef {
  label: string
  press: KeyPress
  /** Width in key units. */
  span: number
  /** What the key says when it has focus. */
  announce: string
}

/** Which keys are shown: capitals or not, letters or symbols, and the password's show/hide key (null: none). */
export interface KeyPage {
  shift: boolean
  symbols: boolean
  masked: boolean | null
}

export const keyUnit = 100
export const keyGap = 12

const names: Record<string, string> = {
  ' ': 'space',
  '!': 'exclamation mark',
  '"': 'quote',
  '#': 'hash',
  $: 'dollar',
  '%': 'percent',
  '&': 'ampersand',
  "'": 'apostrophe',
  '(': 'left parenthesis',
  ')': 'right parenthesis',
  '*': 'star',
  '+': 'plus',
  ',': 'comma',
  '-': 'dash',
  '.': 'dot',
  '/': 'slash',
  ':': 'colon',
  ';': 'semicolon',
  '<': 'less than',
  '=': 'equals',
  '>': 'greater than',
  '?': 'question mark',
  '@': 'at',
  '[': 'left bracket',
  '\\': 'backslash',
  ']': 'right bracket',
  '^': 'caret',
  _: 'underscore',
  '`': 'backtick',
  '{': 'left brace',
  '|': 'vertical bar',
  '}': 'right brace',
  '~': 'tilde',
}

/** A character as a listener should hear it: "b", "capital B", "7", "underscore". */
export function spoken(char: string): string {
  if (/^[A-Z]$/.test(char)) return `capital ${char}`
  return names[char] ?? char
}

const chars = (s: string): KeyDef[] => [...s].map((c) => ({ label: c, press: { kind: 'char', char: c }, span: 1, announce: spoken(c) }))

/**
 * Letters (a–z or A–Z), digits and the usual email characters; or every other printable ASCII symbol, so any email
 * and any password the service accepts can be typed with a remote. The last row keeps its shape on both pages.
 */
export function keyRows({ shift, symbols, masked }: KeyPage): KeyDef[][] {
  const last: KeyDef[] = symbols
    ? [{ label: 'abc', press: { kind: 'symbols' }, span: 5, announce: 'Letters' }]
    : [
        ...chars('_'),
        { label: shift ? 'Shift: on' : 'Shift', press: { kind: 'shift' }, span: 2, announce: shift ? 'Shift, on' : 'Shift, off' },
        { label: '#+=', press: { kind: 'symbols' }, span: 2, announce: 'Symbols' },
      ]
  last.push(
    { label: 'Space', press: { kind: 'space' }, span: 2, announce: 'Space' },
    { label: 'Delete', press: { kind: 'delete' }, span: 2, announce: 'Delete' },
  )
  if (masked !== null) last.push({ label: masked ? 'Show' : 'Hide', press: { kind: 'toggleMask' }, span: 2, announce: masked ? 'Show password' : 'Hide password' })
  last.push({ label: 'Done', press: { kind: 'done' }, span: 2, announce: 'Done' })
  if (symbols) return [chars('!#$%&*+=?^~`|'), chars('()[]{}<>/\\,;:'), chars('\'"@.-_'), last]
  const letters = shift ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : 'abcdefghijklmnopqrstuvwxyz'
  return [chars(letters.slice(0, 13)), chars(letters.slice(13)), chars('1234567890@.-'), last]
}

/** Where each key of a row starts, in design pixels. */
export function keyXs(row: readonly KeyDef[]): number[] {
  let x = 0
  return row.map((def) => {
    const at = x
    x += def.span * (keyUnit + keyGap)
    return at
  })
}

/**
 * Up or Down: the key of the next row nearest to `x`, by default where the focused key starts. Keyboard passes the x
 * where a run of Up and Down began, so passing through a short row and back returns to the same key; null at the edge.
 */
export function moveRow(rows: readonly KeyDef[][], row: number, col: number, delta: number, x = keyXs(rows[row] ?? [])[col] ?? 0): { row: number; col: number } | null {
  const target = rows[row + delta]
  if (!target) return null
  const xs = keyXs(target)
  let best = 0
  xs.forEach((kx, i) => {
    if (Math.abs(kx - x) < Math.abs((xs[best] ?? 0) - x)) best = i
  })
  return { row: row + delta, col: best }
}
