// Picks the platform at start: forced by ?platform= or the `platform` app setting, otherwise detected from the runtime.
import { browser } from './browser'
import { tizen } from './tizen'
import { webos } from './webos'
import type { Platform } from './types'

export type { Platform, KeyName, DeviceDescription } from './types'

const byId: Record<Platform['id'], Platform> = { browser, tizen, webos }

export function isPlatformId(value: string): value is Platform['id'] {
  return value in byId
}

export function detectPlatform(forced: string | null | undefined, env: { ua: string; globals: object }): Platform {
  if (forced && isPlatformId(forced)) return byId[forced]
  if ('tizen' in env.globals || /Tizen/i.test(env.ua)) return tizen
  if ('webOS' in env.globals || 'PalmSystem' in env.globals || /Web0S|webOS/i.test(env.ua)) return webos
  return browser
}
