import { describe, expect, it } from 'vitest'
import { compileRateLimits } from './rate-limits.js'

describe('compileRateLimits', () => {
  const limits = compileRateLimits([
    { per: 'agent', limit: 10, window: '1m' },
    { per: 'tool', limit: 5, window: '1m', tools: ['db.*'] },
    { per: 'host', limit: 3, window: '1m' },
    { per: 'session', limit: 100, window: '1h' },
  ])

  it('names one bucket per applicable limit, all sharing the agent hash tag', () => {
    const buckets = limits.bucketsFor({
      agent: 'a{b}',
      session: 's',
      tool: 'db.query',
      args: { sql: 'SELECT 1' },
    })
    expect(buckets.map((b) => b.key)).toEqual([
      'rate:0:agent:{a%7Bb%7D}',
      'rate:1:tool:{a%7Bb%7D}:db.query',
      'rate:3:session:{a%7Bb%7D}:s',
    ])
    expect(buckets.map((b) => b.windowMs)).toEqual([60_000, 60_000, 3_600_000])
  })

  it('keys host limits by the lower-case host of http.request, and skips them for other tools', () => {
    const b = limits.bucketsFor({ agent: 'a', tool: 'http.request', args: { url: 'https://API.Example/x' } })
    expect(b.map((x) => x.key)).toContain('rate:2:host:{a}:api.example')
  })

  it('keeps agents whose names contain separators apart', () => {
    const one = limits.bucketsFor({ agent: 'a:b', tool: 't', args: {} })[0]?.key
    const two = limits.bucketsFor({ agent: 'a', session: 'b', tool: 't', args: {} })[0]?.key
    expect(one).not.toBe(two)
  })

  it('describes the limit behind a bucket', () => {
    const [b] = limits.bucketsFor({ agent: 'a', tool: 't', args: {} })
    expect(b && limits.describe(b)).toBe('10 per 60 s per agent')
  })
})
