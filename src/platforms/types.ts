// What every platform folder provides: its remote's key codes, key registration, exit, and a description of the device.
export type KeyName = 'Left' | 'Right' | 'Up' | 'Down' | 'Enter' | 'Back' | 'PlayPause' | 'Play' | 'Pause' | 'Stop' | 'Red' | 'Green' | 'Yellow' | 'Blue'

export interface DeviceDescription {
  model: string
  /** A friendly name the user would recognise on the phone and the device list. */
  name: string
}

export interface Platform {
  id: 'browser' | 'tizen' | 'webos'
  label: string
  /** keyCode → key name; components only ever see the names. */
  keys: Record<number, KeyName>
  /** Ask the platform to deliver keys it would otherwise keep (Tizen's media and colour keys). */
  registerKeys(): void
  /** Leave the app. Returns false where the platform cannot close it (a desktop browser tab). */
  exit(): boolean
  describe(): DeviceDescription
}

/** The arrows, OK and the media keys that every remote here shares. */
export const commonKeys: Record<number, KeyName> = {
  37: 'Left',
  38: 'Up',
  39: 'Right',
  40: 'Down',
  13: 'Enter',
}
