// Typed wrappers for the Lightning SDK plugins Tenfoot uses; the SDK types them as `any`, so this is the one place that knows.
import { Settings, Storage } from '@lightningjs/sdk'

export function appSetting<T>(key: string, fallback: T): T {
  const value: unknown = Settings.get('app', key, fallback)
  return value === undefined || value === null || value === '' ? fallback : (value as T)
}

export const storage = {
  get<T>(key: string): T | null {
    return (Storage.get(key) as T | null) ?? null
  },
  set(key: string, value: unknown): boolean {
    return Storage.set(key, value) === true
  },
  remove(key: string): void {
    Storage.remove(key)
  },
}
