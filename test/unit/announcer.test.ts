// The announcer's joining of parts into one text, as a screen reader or the TV's voice says it.
import { describe, expect, it } from 'vitest'
import { sentences } from '../../src/announcer'

describe('the announcer', () => {
  it('When a part already ends a sentence, then the next follows after a space, not another full stop', () => {
    expect(sentences(['Signing out…', 'This takes a moment.'])).toBe('Signing out… This takes a moment.')
    expect(sentences(['Get Help', 'Sign Out, button, 1 of 3'])).toBe('Get Help. Sign Out, button, 1 of 3')
  })
})
