import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { textDiff } from './text-diff.js'

// Rebuilds both texts from a full diff (context 0 trimming aside): the diff loses nothing it shows.
function sides(diff: string): { before: string[]; after: string[] } {
  const before: string[] = []
  const after: string[] = []
  for (const line of diff.split('\n')) {
    if (line.startsWith('@@')) continue
    if (line[0] !== '+') before.push(line.slice(1))
    if (line[0] !== '-') after.push(line.slice(1))
  }
  return { before, after }
}

describe('textDiff', () => {
  it('shows a changed line as removed and added, with context', () => {
    expect(textDiff('a\nb\nc\n', 'a\nB\nc\n', 100)).toBe(' a\n-b\n+B\n c\n ')
  })

  it('says when nothing changes', () => {
    expect(textDiff('same', 'same', 100)).toBe('(no change)')
  })

  it('summarises past the line budget', () => {
    expect(textDiff('x\n'.repeat(50), 'y\n'.repeat(50), 10)).toMatch(/lines replaced by/)
  })

  it('is a faithful diff of short texts (property)', () => {
    const text = fc.array(fc.constantFrom('a', 'b', 'c', ''), { maxLength: 12 }).map((l) => l.join('\n'))
    fc.assert(
      fc.property(text, text, (a, b) => {
        const diff = textDiff(a, b, 1_000, 1_000)
        if (a === b) {
          expect(diff).toBe('(no change)')
          return
        }
        const { before, after } = sides(diff)
        expect(before.join('\n')).toBe(a)
        expect(after.join('\n')).toBe(b)
      }),
    )
  })
})
