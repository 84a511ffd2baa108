import { describe, expect, it } from 'vitest'
import { SessionLabels, sessionKeyOf } from './labels.js'

describe('SessionLabels', () => {
  it('keeps labels per agent and session: another session or agent starts clean', () => {
    const s = new SessionLabels()
    s.add(sessionKeyOf({ agent: 'a', session: 's1' }), [{ label: 'untrusted', source: 'web', at: 0 }], 0)
    expect(s.labelsOf(sessionKeyOf({ agent: 'a', session: 's1' }), 1)).toHaveLength(1)
    expect(s.labelsOf(sessionKeyOf({ agent: 'a', session: 's2' }), 1)).toHaveLength(0)
    expect(s.labelsOf(sessionKeyOf({ agent: 'b', session: 's1' }), 1)).toHaveLength(0)
  })

  it('keeps one entry per label and source, and a bounded number of sources per label', () => {
    const s = new SessionLabels()
    for (let i = 0; i < 50; i++) s.add('k', [{ label: 'untrusted', source: `web ${i % 20}`, at: i }], i)
    expect(s.labelsOf('k', 60)).toHaveLength(8)
  })

  it('forgets a session idle past its lifetime, and not one in use', () => {
    const s = new SessionLabels({ idleMs: 1_000 })
    s.add('old', [{ label: 'confidential', source: 'x', at: 0 }], 0)
    s.add('live', [{ label: 'confidential', source: 'x', at: 0 }], 0)
    s.touch('live', 900)
    expect(s.labelsOf('old', 1_500)).toHaveLength(0)
    expect(s.labelsOf('live', 1_500)).toHaveLength(1)
  })
})
