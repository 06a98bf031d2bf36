// The one announcer: every screen and focus change is written to an offscreen aria-live element and, with voice guidance on, spoken.
const ELEMENT_ID = 'announcer'

function liveRegion(): HTMLElement | null {
  if (typeof document === 'undefined') return null
  let el = document.getElementById(ELEMENT_ID)
  if (!el) {
    el = document.createElement('div')
    el.id = ELEMENT_ID
    el.setAttribute('aria-live', 'polite')
    el.setAttribute('role', 'status')
    // Offscreen, not display:none, so screen readers still read it.
    el.style.cssText = 'position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden'
    document.body.appendChild(el)
  }
  return el
}

let voiceGuidance = false

export function setVoiceGuidance(on: boolean): void {
  voiceGuidance = on
}

/** Announce the parts of a focus change, most general first: "Get Help. Sign Out, button, 1 of 3". */
export function announce(parts: string[]): void {
  const text = parts
    .map((p) => p.trim().replace(/[.!]$/, ''))
    .filter((p) => p !== '')
    .join('. ')
  if (!text) return
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
