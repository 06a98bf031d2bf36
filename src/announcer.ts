// The one announcer: every screen and focus change is written to an offscreen aria-live element and, with voice guidance on, spoken.
import { theme } from './theme'

const ELEMENT_ID = 'announcer'

function liveRegion(): HTMLElement | null {
  if (typeof document === 'undefined') return null
  let el = document.getElementById(ELEMENT_ID)
  if (!el) {
    el = document.createElement('div')
    el.id = ELEMENT_ID
    el.setAttribute('aria-live', 'polite')
    el.setAttribute('role', 'status')
    // Offscreen, not display:none, so screen readers still read it. In the app's own font, already loaded: the engine's
    // default font is looked up for the first text laid out in it (style and layout before Home's first frame at 6× CPU:
    // 27 ms, 7 ms in this font; README "Performance"). One line, as a 1 px box otherwise breaks it at every word.
    el.style.cssText = `position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden;white-space:nowrap;font-family:${theme.fontFace.regular}`
    document.body.appendChild(el)
  }
  return el
}

let voiceGuidance = false

export function setVoiceGuidance(on: boolean): void {
  voiceGuidance = on
}

let pending: string[] = []
let leading: string[] = []

/**
 * Announce the parts of a change, most general first: "Get Help. Sign Out, button, 1 of 3".
 * Everything said in the same tick is joined, so a status and the focus it moves to are heard together.
 */
export function announce(parts: string[], opts: { lead?: boolean } = {}): void {
  const fresh = parts.map((p) => p.trim()).filter((p) => p !== '')
  if (fresh.length === 0) return
  if (pending.length === 0 && leading.length === 0) void Promise.resolve().then(flush)
  // Where focus went leads; statuses said in the same tick follow it.
  ;(opts.lead ? leading : pending).push(...fresh)
}

/** Parts said as one text: a part that already ends a sentence ("Signing out…") is followed by a space, any other by ". ". */
export function sentences(parts: string[]): string {
  return parts.map((p, i) => (i === parts.length - 1 ? p : /[.!?…]$/.test(p) ? `${p} ` : `${p}. `)).join('')
}

function flush(): void {
  const all = [...leading, ...pending]
  leading = []
  pending = []
  const text = sentences(all.filter((p, i) => all.indexOf(p) === i))
  const el = liveRegion()
  if (el) el.textContent = text
  if (voiceGuidance && typeof speechSynthesis !== 'undefined') {
    // A new focus makes the old sentence stale: cut it off rather than queue it.
    speechSynthesis.cancel()
    speechSynthesis.speak(new SpeechSynthesisUtterance(text))
  }
}

/** Something on screen that has words to say when it gains focus. */
export interface Announces {
  announce?: string
}
