import { describe, expect, it } from 'vitest'
import { SessionHistory, summarize } from './session-history.js'

const at = Date.UTC(2026, 0, 1)

describe('SessionHistory', () => {
  it('keeps the last entries of one session, oldest first, apart from other sessions and agents', () => {
    const history = new SessionHistory(3)
    for (let i = 0; i < 5; i++) {
      history.record('a', 's1', {
        tool: 'files.read',
        decision: 'allow',
        at: at + i,
        args: { path: `/d/${i}` },
      })
    }
    history.record('a', 's2', { tool: 'email.send', decision: 'confirm', at, args: {} })
    history.record('b', 's1', { tool: 'db.query', decision: 'deny', at, args: {} })
    expect(history.recent('a', 's1', 10).map((e) => e.args)).toEqual([
      'path="/d/2"',
      'path="/d/3"',
      'path="/d/4"',
    ])
    expect(history.recent('a', 's1', 1).map((e) => e.args)).toEqual(['path="/d/4"'])
    expect(history.recent('a', 's2', 10)).toEqual([
      { tool: 'email.send', decision: 'confirm', at: '2026-01-01T00:00:00.000Z', args: '' },
    ])
    expect(history.recent('a', 's3', 10)).toEqual([])
  })

  it('does not let an agent and session name collide by concatenation', () => {
    const history = new SessionHistory(5)
    history.record('a:b', 'c', { tool: 't', decision: 'allow', at, args: {} })
    expect(history.recent('a', 'b:c', 5)).toEqual([])
  })

  it('redacts PII and secrets when read', () => {
    const history = new SessionHistory(5)
    history.record('a', 's', {
      tool: 'email.send',
      decision: 'allow',
      at,
      args: { to: 'jane.doe@example.com', key: 'AKIAQ7WADE5R42RDZ4JX' },
    })
    const [entry] = history.recent('a', 's', 5)
    expect(entry?.args).not.toMatch(/jane\.doe@example\.com/)
    expect(entry?.args).not.toMatch(/AKIAQ7WADE5R42RDZ4JX/)
    expect(entry?.args).toMatch(/REDACTED/)
  })

  it('keeps nothing when sized 0', () => {
    const history = new SessionHistory(0)
    history.record('a', 's', { tool: 't', decision: 'allow', at, args: {} })
    expect(history.recent('a', 's', 5)).toEqual([])
  })
})

describe('summarize', () => {
  it('caps each value and the whole line, whatever the arguments hold', () => {
    const huge = { content: 'x'.repeat(100_000), nested: { deep: [1, 2, 3] }, list: [1, 2], n: 5, b: true }
    const line = summarize(huge)
    expect(line.length).toBeLessThanOrEqual(200)
    expect(line).toMatch(/^content="x+…/)
    expect(summarize({ nested: { a: 1 }, list: [1, 2], n: null })).toBe('nested={…} list=[2 items] n=null')
    const many = Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`k${i}`, i]))
    expect(summarize(many).length).toBeLessThanOrEqual(200)
    expect(summarize('plain')).toBe('"plain"')
  })
})
