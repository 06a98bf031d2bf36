// The benchmark's statistics: what its report says about launches depends on them.
import { describe, expect, it } from 'vitest'
import { median, quantile, ratioInterval } from '../../test/perf/stats'

describe('bench statistics', () => {
  it('When launches are listed, then the median and p95 are the nearest-rank ones, whatever the order', () => {
    expect(median([30, 10, 20])).toBe(20)
    expect(median([4, 1, 3, 2])).toBe(2)
    expect(quantile(Array.from({ length: 20 }, (_, i) => 20 - i), 0.95)).toBe(19)
    expect(median([])).toBeNaN()
  })

  it('When one build is clearly slower than the other, then the ratio’s interval holds its ratio and leaves out 1', () => {
    const floor = [100, 104, 98, 101, 97, 103, 99, 102, 100, 96]
    const slow = floor.map((x) => x * 1.3)
    const [low, high] = ratioInterval(slow, floor)
    expect(low).toBeGreaterThan(1.15)
    expect(low).toBeLessThanOrEqual(1.3)
    expect(high).toBeGreaterThanOrEqual(1.3)
  })

  it('When launches scatter widely, then the interval is wide enough to span a budget the medians alone seem to miss', () => {
    const floor = [100, 160, 90, 140, 120, 95, 150, 105, 130, 110]
    const app = floor.map((x, i) => x * (i % 2 ? 1.05 : 1.3))
    expect(median(app) / median(floor)).toBeGreaterThan(1.15)
    const [low, high] = ratioInterval(app, floor)
    expect(high - low).toBeGreaterThan(0.2)
    expect(low).toBeLessThan(1.15)
  })

  it('When the same data is given twice, then the interval is the same: a report can be checked from its data', () => {
    const a = [5, 7, 6, 9, 8]
    const b = [4, 6, 5, 5, 7]
    expect(ratioInterval(a, b)).toEqual(ratioInterval(a, b))
  })
})
