import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseAction } from './parse-action.js'

describe('parseAction', () => {
  it('accepts the DESIGN.md shape and keeps optional fields', () => {
    const r = parseAction({
      id: 'a1',
      agent: 'r',
      session: 's',
      tool: 'files.read',
      args: { path: '/x' },
      context: { confidence: 0.9 },
    })
    expect(r).toEqual({
      ok: true,
      action: {
        id: 'a1',
        agent: 'r',
        session: 's',
        tool: 'files.read',
        args: { path: '/x' },
        context: { confidence: 0.9 },
      },
    })
  })

  it('reads `time` as the simulated clock', () => {
    const r = parseAction({ agent: 'r', tool: 't', args: {}, time: '2026-01-31T09:00:00Z' })
    expect(r.ok && r.time).toBe(Date.parse('2026-01-31T09:00:00Z'))
  })

  it.each([
    ['not an object', 'x'],
    ['an array', []],
    ['no agent', { tool: 't', args: {} }],
    ['an empty agent', { agent: '', tool: 't', args: {} }],
    ['a numeric tool', { agent: 'a', tool: 1, args: {} }],
    ['args as an array', { agent: 'a', tool: 't', args: [] }],
    ['a bad time', { agent: 'a', tool: 't', args: {}, time: 'yesterday' }],
    ['an unknown field', { agent: 'a', tool: 't', args: {}, permissions: ['admin'] }],
    ['a huge agent name', { agent: 'a'.repeat(300), tool: 't', args: {} }],
  ])('refuses %s with INVALID_ACTION', (_, value) => {
    const r = parseAction(value)
    expect(r.ok).toBe(false)
    expect(!r.ok && r.code).toBe('INVALID_ACTION')
  })

  it('refuses arguments nested deeper than the limit without overflowing the stack', () => {
    let deep: unknown = {}
    for (let i = 0; i < 100_000; i++) deep = { d: deep }
    const r = parseAction({ agent: 'a', tool: 't', args: deep })
    expect(r.ok).toBe(false)
  })

  it('never throws on arbitrary JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const r = parseAction(value)
        expect(typeof r.ok).toBe('boolean')
      }),
    )
  })
})
