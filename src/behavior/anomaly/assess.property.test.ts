import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Action } from '../../core/action.js'
import { assessAttempt } from './assess.js'
import { featuresOf } from './features.js'
import { learnExecuted, observeDenial } from './observe.js'
import { newProfile, reviveProfile } from './profile.js'

const tool = fc.oneof(
  fc.constantFrom(
    'files.read',
    'http.request',
    'email.send',
    'db.query',
    '__proto__',
    'constructor',
    'a/__proto__',
  ),
  fc.string({ minLength: 1, maxLength: 20 }),
)
const args = fc.oneof(
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 3 })),
  fc.record({ url: fc.oneof(fc.webUrl(), fc.string()), method: fc.string({ maxLength: 6 }) }),
  fc.record({ path: fc.string({ maxLength: 40 }) }),
  fc.record({ sql: fc.string({ maxLength: 200 }) }),
  fc.record({ to: fc.oneof(fc.emailAddress(), fc.array(fc.string(), { maxLength: 3 })) }),
)
const step = fc.record({
  tool,
  args,
  gapMs: fc.integer({ min: -60_000, max: 86_400_000 }),
  executed: fc.boolean(),
  denied: fc.boolean(),
})

describe('assessAttempt (property)', () => {
  it('never throws, keeps scores in [0, 1], and the profile survives a JSON round trip', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), fc.integer({ min: 0, max: 50 }), (steps, warmup) => {
        let now = Date.UTC(2026, 0, 5, 9)
        const profile = newProfile(now)
        for (const s of steps) {
          now += s.gapMs
          const action: Action = { agent: 'a', tool: s.tool, args: s.args }
          const a = assessAttempt(profile, featuresOf(action, now), now, warmup)
          expect(a.score).toBeGreaterThanOrEqual(0)
          expect(a.score).toBeLessThanOrEqual(1)
          for (const f of a.findings) expect(f.reason.length).toBeGreaterThan(0)
          if (s.executed) learnExecuted(profile, featuresOf(action, now))
          if (s.denied) observeDenial(profile, now)
        }
        expect(Object.getPrototypeOf({})).toBe(Object.prototype)
        const back = reviveProfile(JSON.parse(JSON.stringify(profile)))
        expect(back?.learned).toBe(profile.learned)
        expect(back?.tools).toEqual(profile.tools)
      }),
      { numRuns: 200 },
    )
  })
})
