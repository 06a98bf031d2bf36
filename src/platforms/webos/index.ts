// LG webOS TVs: Back is 461 (with disableBackHistoryAPI in appinfo.json it reaches the app); exit goes back to the launcher.
import { commonKeys, type Platform } from '../types'

interface WebOSGlobal {
  platformBack?: () => void
  deviceInfo?: (cb: (info: { modelName?: string }) => void) => void
}

const webOSGlobal = (): WebOSGlobal | undefined => (globalThis as { webOS?: WebOSGlobal }).webOS

let model = 'LG TV'

export const webos: Platform = {
  id: 'webos',
  label: 'LG',
  keys: { ...commonKeys, 461: 'Back', 415: 'Play', 19: 'Pause', 413: 'Stop', 403: 'Red', 404: 'Green', 405: 'Yellow', 406: 'Blue' },
  registerKeys: () => {
    // webOS delivers keys without registration; ask for the model name once, it answers asynchronously.
    webOSGlobal()?.deviceInfo?.((info) => {
      if (info.modelName) model = info.modelName
    })
  },
  exit: () => {
    const w = webOSGlobal()
    if (w?.platformBack) {
      w.platformBack()
      return true
    }
    window.close()
    return window.closed
  },
  describe: () => ({ model, name: 'LG TV' }),
}
