// Samsung Tizen TVs: Back is 10009; media and colour keys reach the app only after tizen.tvinputdevice.registerKey.
import { commonKeys, type KeyName, type Platform } from '../types'

interface TizenGlobal {
  tvinputdevice?: { registerKey(name: string): void }
  application?: { getCurrentApplication(): { exit(): void } }
  systeminfo?: { getCapability(key: string): unknown }
}

const tizenGlobal = (): TizenGlobal | undefined => (globalThis as { tizen?: TizenGlobal }).tizen

// Tizen key names to register, with the codes they arrive as.
const registered: Record<string, [number, KeyName]> = {
  MediaPlayPause: [10252, 'PlayPause'],
  MediaPlay: [415, 'Play'],
  MediaPause: [19, 'Pause'],
  MediaStop: [413, 'Stop'],
  ColorF0Red: [403, 'Red'],
  ColorF1Green: [404, 'Green'],
  ColorF2Yellow: [405, 'Yellow'],
  ColorF3Blue: [406, 'Blue'],
}

export const tizen: Platform = {
  id: 'tizen',
  label: 'Samsung',
  keys: {
    ...commonKeys,
    10009: 'Back',
    ...Object.fromEntries(Object.values(registered)),
  },
  registerKeys: () => {
    const input = tizenGlobal()?.tvinputdevice
    if (!input) return
    for (const name of Object.keys(registered)) {
      try {
        input.registerKey(name)
      } catch {
        // Some models lack some keys; the rest still work.
      }
    }
  },
  exit: () => {
    const app = tizenGlobal()?.application
    if (!app) return false
    app.getCurrentApplication().exit()
    return true
  },
  describe: () => {
    let model = 'Samsung TV'
    try {
      const value = tizenGlobal()?.systeminfo?.getCapability('http://tizen.org/system/model_name')
      if (typeof value === 'string' && value) model = value
    } catch {
      // No systeminfo privilege or an emulator: keep the generic name.
    }
    return { model, name: 'Samsung TV' }
  },
}
