import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KILL_SWITCH_KINDS, parseKillSwitchEvent } from './event.js'

const valid = { id: 'e1', kind: 'pause', agentId: 'reporter', reason: 'r', actor: 'op', at: 1, origin: 'i' }

describe('parseKillSwitchEvent', () => {
  it('reads a well-formed event back unchanged', () => {
    expect(parseKillSwitchEvent(valid)).toEqual(valid)
    expect(parseKillSwitchEvent({ ...valid, kind: 'emergency-stop', agentId: undefined })).toMatchObject({
      kind: 'emergency-stop',
    })
  })

  it('never throws on arbitrary values, and whatever it accepts is well-formed', () => {
    const arbitraryEvent = fc.record(
      {
        id: fc.oneof(fc.string(), fc.integer()),
        kind: fc.oneof(fc.constantFrom(...KILL_SWITCH_KINDS), fc.string()),
        agentId: fc.oneof(fc.string(), fc.constant(undefined), fc.integer()),
        reason: fc.oneof(fc.string(), fc.constant(null)),
        actor: fc.string(),
        at: fc.oneof(fc.integer(), fc.double()),
        origin: fc.string(),
      },
      { requiredKeys: [] },
    )
    fc.assert(
      fc.property(fc.oneof(arbitraryEvent, fc.jsonValue()), (value) => {
        const event = parseKillSwitchEvent(value)
        if (event === undefined) return
        expect((KILL_SWITCH_KINDS as readonly string[]).includes(event.kind)).toBe(true)
        expect(Number.isSafeInteger(event.at)).toBe(true)
        const global = event.kind === 'emergency-stop' || event.kind === 'emergency-clear'
        expect(event.agentId === undefined).toBe(global)
      }),
    )
  })

  it('refuses an agent event without an agent, an emergency naming one, and control characters in ids', () => {
    expect(parseKillSwitchEvent({ ...valid, agentId: undefined })).toBeUndefined()
    expect(parseKillSwitchEvent({ ...valid, kind: 'emergency-clear' })).toBeUndefined()
    expect(parseKillSwitchEvent({ ...valid, agentId: 'a\u0000b' })).toBeUndefined()
    expect(parseKillSwitchEvent({ ...valid, kind: 'delete-everything' })).toBeUndefined()
    expect(parseKillSwitchEvent({ ...valid, at: -1 })).toBeUndefined()
    expect(parseKillSwitchEvent({ ...valid, reason: 'x'.repeat(10_000) })).toBeUndefined()
  })
})
