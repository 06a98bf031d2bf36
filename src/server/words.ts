// Numbers said in words to a viewer: a count with its noun in the right number, and how long ago something happened.

/** "1 minute", "5 minutes". */
export const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/**
 * How long before `now` the moment `ms` was: "just now", "5 minutes ago", "3 hours ago", "2 days ago", then a date.
 * A page without script cannot know the viewer's time zone; a span of time reads the same in every zone, and only a
 * moment over a month old is shown as a date (in UTC, so it may be a day off at the edges).
 */
export function ago(ms: number, now = Date.now()): string {
  const minutes = Math.floor((now - ms) / 60_000)
  if (minutes < 1) return 'just now'
  if (minutes < 60) return `${plural(minutes, 'minute')} ago`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${plural(hours, 'hour')} ago`
  const days = Math.floor(hours / 24)
  if (days <= 31) return `${plural(days, 'day')} ago`
  const d = new Date(ms)
  return `on ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`
}
