// Only what the packaged bundle uses and the oldest supported engine (webOS 4 ≈ Chromium 53) lacks; each is installed
// only where missing. `npm run package` runs es-check --checkFeatures and fails when the bundle uses anything newer
// that is not listed in `polyfilled` below. Hand-written rather than core-js: core-js's Promise.finally brings its own
// Promise, which on old V8 replaces the native one (measured: +16 KB gzip), and these five are a few lines each.

/** es-check's names for the features below; the packager passes them to --ignore. */
export const polyfilled = ['globalThis', 'ObjectEntries', 'ObjectValues', 'ObjectFromEntries', 'StringPadStart', 'StringPadEnd', 'PromiseFinally', 'ArrayFlat', 'ArrayFlatMap']

type Loose = Record<string, unknown>

function define(target: object, name: string, value: unknown): void {
  if (name in target) return
  Object.defineProperty(target, name, { value, configurable: true, writable: true, enumerable: false })
}

export function installPolyfills(root: Loose = (typeof self !== 'undefined' ? self : global) as unknown as Loose): void {
  define(root, 'globalThis', root)
  define(Object, 'entries', (o: Loose) => Object.keys(o).map((k) => [k, o[k]]))
  define(Object, 'values', (o: Loose) => Object.keys(o).map((k) => o[k]))
  define(Object, 'fromEntries', (entries: Iterable<[PropertyKey, unknown]>) => {
    const out: Record<PropertyKey, unknown> = {}
    for (const [k, v] of entries) out[k] = v
    return out
  })
  const pad = (atStart: boolean) =>
    function (this: string, length: number, fill = ' ') {
      const s = String(this)
      const need = Math.floor(length) - s.length
      if (need <= 0 || fill === '') return s
      const padding = String(fill).repeat(Math.ceil(need / String(fill).length)).slice(0, need)
      return atStart ? padding + s : s + padding
    }
  define(String.prototype, 'padStart', pad(true))
  define(String.prototype, 'padEnd', pad(false))
  define(Promise.prototype, 'finally', function (this: Promise<unknown>, onFinally?: () => unknown) {
    if (typeof onFinally !== 'function') return this.then(onFinally, onFinally)
    return this.then(
      (value) => Promise.resolve(onFinally()).then(() => value),
      (reason) => Promise.resolve(onFinally()).then(() => Promise.reject(reason)),
    )
  })
  function flat(this: unknown[], depth = 1): unknown[] {
    const out: unknown[] = []
    const walk = (list: unknown[], d: number) => {
      for (const item of list) {
        if (Array.isArray(item) && d > 0) walk(item, d - 1)
        else out.push(item)
      }
    }
    walk(this, Math.floor(depth))
    return out
  }
  define(Array.prototype, 'flat', flat)
  define(Array.prototype, 'flatMap', function (this: unknown[], fn: (v: unknown, i: number, a: unknown[]) => unknown, thisArg?: unknown) {
    return flat.call(this.map(fn, thisArg), 1)
  })
}

installPolyfills()
