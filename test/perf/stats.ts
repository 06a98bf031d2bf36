// Order statistics for the benchmark, and how far a ratio of medians can be trusted on a noisy machine.

/** The q-quantile of xs by the nearest-rank method (q = 0.5: the median), NaN for none. */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b)
  if (s.length === 0) return NaN
  const i = Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))
  return s[i] as number
}

export const median = (xs: readonly number[]) => quantile(xs, 0.5)

/**
 * A 95% interval for median(a) / median(b), by the percentile bootstrap: both sets resampled with replacement, `draws`
 * times. Seeded (Park–Miller), so one run's data always gives the same report. A ratio whose interval spans its budget
 * is one this run cannot tell from the budget.
 */
export function ratioInterval(a: readonly number[], b: readonly number[], draws = 2_000): [number, number] {
  if (a.length === 0 || b.length === 0) return [NaN, NaN]
  let seed = 20_261_202
  const random = () => (seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647
  const resampled = (xs: readonly number[]) => median(xs.map(() => xs[Math.floor(random() * xs.length)] as number))
  const ratios = Array.from({ length: draws }, () => resampled(a) / resampled(b))
  return [quantile(ratios, 0.025), quantile(ratios, 0.975)]
}
