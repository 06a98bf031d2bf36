// The packaged app's polyfills, run in an engine with the built-ins removed, as Chromium 53 lacks them.
import { readFileSync } from 'node:fs'
import { runInNewContext } from 'node:vm'
import { transformSync } from 'esbuild'
import { describe, expect, it } from 'vitest'

const source = transformSync(readFileSync('src/platforms/polyfills.ts', 'utf8'), { loader: 'ts', format: 'iife', target: 'es2016' }).code

/** A fresh realm without the built-ins the oldest TV engine lacks, then the polyfills, then `probe`. */
function oldEngine<T>(probe: string): T {
  const strip = `
    delete globalThis.globalThis; delete Object.entries; delete Object.values; delete Object.fromEntries;
    delete String.prototype.padStart; delete String.prototype.padEnd; delete Promise.prototype.finally;
    delete Array.prototype.flat; delete Array.prototype.flatMap;
    var self = this;`
  return runInNewContext(`${strip}\n${source}\n${probe}`, {}) as T
}

describe('polyfills for the oldest TV engine', () => {
  it('When the built-ins are missing, then each one behaves like the standard one', async () => {
    const r = oldEngine<Record<string, unknown>>(`({
      entries: JSON.stringify(Object.entries({ a: 1, b: 2 })),
      values: JSON.stringify(Object.values({ a: 1, b: 2 })),
      fromEntries: JSON.stringify(Object.fromEntries([['a', 1], ['b', 2]])),
      padStart: '7'.padStart(3, '0') + '|' + 'abc'.padStart(2) + '|' + '5'.padStart(4, 'xy'),
      padEnd: 'ab'.padEnd(4, '-'),
      flat: JSON.stringify([1, [2, [3, [4]]]].flat()) + JSON.stringify([1, [2, [3]]].flat(Infinity)),
      flatMap: JSON.stringify([1, 2].flatMap((x) => [x, x * 10])),
      hasGlobalThis: typeof globalThis === 'object',
      finallyRuns: Promise.resolve(4).finally(() => 'ignored'),
      finallyKeepsRejection: Promise.reject(new Error('kept')).finally(() => undefined).catch((e) => e.message),
    })`)
    expect(r.entries).toBe('[["a",1],["b",2]]')
    expect(r.values).toBe('[1,2]')
    expect(r.fromEntries).toBe('{"a":1,"b":2}')
    expect(r.padStart).toBe('007|abc|xyx5')
    expect(r.padEnd).toBe('ab--')
    expect(r.flat).toBe('[1,2,[3,[4]]][1,2,3]')
    expect(r.flatMap).toBe('[1,10,2,20]')
    expect(r.hasGlobalThis).toBe(true)
    expect(await r.finallyRuns).toBe(4)
    expect(await r.finallyKeepsRejection).toBe('kept')
  })

  it('When the engine has the built-ins, then the native ones are kept', () => {
    const kept = runInNewContext(`var self = this; var native = Object.values; ${source}; Object.values === native`, {})
    expect(kept).toBe(true)
  })
})
