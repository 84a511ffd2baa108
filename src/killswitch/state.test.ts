import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { KILL_SWITCH_KINDS, type KillSwitchEvent, type KillSwitchKind } from './event.js'
import { KillSwitchState } from './state.js'

let n = 0
function anEvent(kind: KillSwitchKind, at: number, agentId?: string): KillSwitchEvent {
  n += 1
  const base = {
    id: `e${String(n).padStart(6, '0')}`,
    kind,
    reason: `${kind} #${n}`,
    actor: 'op',
    at,
    origin: 'i1',
  }
  return agentId === undefined ? base : { ...base, agentId }
}

describe('KillSwitchState', () => {
  it('denies a paused agent and admits it again after a later resume', () => {
    const s = new KillSwitchState()
    s.apply(anEvent('pause', 10, 'a'))
    expect(s.denial('a')?.code).toBe('AGENT_PAUSED')
    s.apply(anEvent('resume', 11, 'a'))
    expect(s.denial('a')).toBeUndefined()
  })

  it('ignores a resume older than the pause it meets (it lost the race)', () => {
    const s = new KillSwitchState()
    s.apply(anEvent('pause', 20, 'a'))
    expect(s.apply(anEvent('resume', 19, 'a')).changed).toBe(false)
    expect(s.denial('a')?.code).toBe('AGENT_PAUSED')
  })

  it('keeps the agent paused when a pause and a resume carry the same clock', () => {
    const s = new KillSwitchState()
    s.apply(anEvent('resume', 5, 'a'))
    s.apply(anEvent('pause', 5, 'a'))
    expect(s.status('a').state).toBe('paused')
  })

  it('never lets any later event undo a termination', () => {
    const s = new KillSwitchState()
    s.apply(anEvent('terminate', 1, 'a'))
    s.apply(anEvent('resume', 1_000, 'a'))
    s.apply(anEvent('pause', 2_000, 'a'))
    expect(s.denial('a')?.code).toBe('AGENT_TERMINATED')
  })

  it('denies every agent, even one never seen, during an emergency stop', () => {
    const s = new KillSwitchState()
    s.apply(anEvent('emergency-stop', 1))
    expect(s.denial('never-seen-before')?.code).toBe('EMERGENCY_STOP')
    s.apply(anEvent('emergency-clear', 2))
    expect(s.denial('never-seen-before')).toBeUndefined()
  })

  it('applies an event id once', () => {
    const s = new KillSwitchState()
    const e = anEvent('pause', 1, 'a')
    expect(s.apply(e).fresh).toBe(true)
    expect(s.apply(e).fresh).toBe(false)
  })

  it('issues clock readings after every event seen, even from a clock that runs ahead', () => {
    const s = new KillSwitchState()
    s.apply(anEvent('pause', 50_000, 'a'))
    const at = s.tick(1_000)
    expect(at).toBeGreaterThan(50_000)
    s.apply({ ...anEvent('resume', at, 'a') })
    expect(s.status('a').state).toBe('active')
  })

  it('reaches the same state whatever order the same events arrive in', () => {
    const kind = fc.constantFrom(...KILL_SWITCH_KINDS)
    const event = fc.record({ kind, at: fc.integer({ min: 0, max: 5 }), agent: fc.constantFrom('a', 'b') })
    fc.assert(
      fc.property(fc.array(event, { maxLength: 12 }), fc.integer({ min: 0, max: 1_000 }), (specs, seed) => {
        const events = specs.map((e) =>
          e.kind === 'emergency-stop' || e.kind === 'emergency-clear'
            ? anEvent(e.kind, e.at)
            : anEvent(e.kind, e.at, e.agent),
        )
        const shuffled = [...events].sort(
          (x, y) => ((x.id.charCodeAt(6) * seed) % 7) - ((y.id.charCodeAt(6) * seed) % 7),
        )
        const one = new KillSwitchState()
        const two = new KillSwitchState()
        for (const e of events) one.apply(e)
        for (const e of shuffled.reverse()) two.apply(e)
        for (const agent of ['a', 'b', 'c']) {
          expect(two.status(agent)).toEqual(one.status(agent))
          expect(two.denial(agent)).toEqual(one.denial(agent))
        }
        const terminated = events.some((e) => e.kind === 'terminate' && e.agentId === 'a')
        expect(one.status('a').state === 'terminated').toBe(terminated)
      }),
    )
  })
})
