// A desktop browser: the keyboard is the D-pad; Backspace and Escape are Back.
import { commonKeys, type Platform } from '../types'

export const browser: Platform = {
  id: 'browser',
  label: 'Web browser',
  // Space stays a character, so a desktop keyboard can type it into the sign-in field.
  keys: { ...commonKeys, 8: 'Back', 27: 'Back' },
  registerKeys: () => undefined,
  exit: () => {
    // Browsers only let scripts close windows they opened; report whether it worked so the app can stay usable.
    window.close()
    return window.closed
  },
  describe: () => ({ model: browserModel(navigator.userAgent), name: 'Web TV' }),
}

function browserModel(ua: string): string {
  const match = /(Firefox|Edg|Chrome|Chromium|Safari)\/(\d+)/.exec(ua)
  return match ? `${match[1] === 'Edg' ? 'Edge' : match[1]} ${match[2]}` : 'Browser'
}
