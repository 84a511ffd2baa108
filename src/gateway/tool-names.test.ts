import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WardenError } from '../errors/warden-error.js'
import { encodeToolName, ToolNameMap, WIRE_NAME } from './tool-names.js'

function collisionOf(names: string[]): unknown {
  try {
    ToolNameMap.build(names)
  } catch (error) {
    return error
  }
  return undefined
}

describe('ToolNameMap', () => {
  it('encodes governed and upstream names as DESIGN.md says, and maps them back', () => {
    const map = ToolNameMap.build(['files.read', 'github/search_issues', 'db.query', 'fs/read-text'])
    expect(map.toWire('files.read')).toBe('files_read')
    expect(map.toWire('github/search_issues')).toBe('github__search_issues')
    expect(map.toWire('fs/read-text')).toBe('fs__read-text')
    expect(map.toCanonical('github__search_issues')).toBe('github/search_issues')
    expect(map.toCanonical('db_query')).toBe('db.query')
  })

  it('does not guess: a wire name outside the map, or a canonical name given as wire, is unknown', () => {
    const map = ToolNameMap.build(['files.read'])
    expect(map.toCanonical('files.read')).toBeUndefined()
    expect(map.toCanonical('FILES_READ')).toBeUndefined()
    expect(map.toWire('files_read')).toBeUndefined()
  })

  it('refuses two names that meet on the wire, naming both', () => {
    const error = collisionOf(['a.b', 'a_b'])
    expect(error).toBeInstanceOf(WardenError)
    expect((error as WardenError).code).toBe('TOOL_NAME_COLLISION')
    expect((error as WardenError).message).toContain('"a.b"')
    // A server whose name holds `__` against one whose tool holds it: the classic cross-server collision.
    expect((collisionOf(['a__b/c', 'a/b__c']) as WardenError).code).toBe('TOOL_NAME_COLLISION')
  })

  it('refuses the same canonical name twice (two sources would both claim the call)', () => {
    expect((collisionOf(['x/y', 'x/y']) as WardenError).code).toBe('TOOL_NAME_COLLISION')
  })

  it('keeps long names within 64 characters and apart when they share a 64-character prefix', () => {
    const base = `server/${'t'.repeat(80)}`
    const map = ToolNameMap.build([`${base}1`, `${base}2`])
    const one = map.toWire(`${base}1`)!
    const two = map.toWire(`${base}2`)!
    expect(one).toMatch(WIRE_NAME)
    expect(two).toMatch(WIRE_NAME)
    expect(one).not.toBe(two)
    expect(map.toCanonical(two)).toBe(`${base}2`)
  })

  it('gives a non-empty name to a canonical name that encodes to nothing', () => {
    expect(encodeToolName('')).toMatch(WIRE_NAME)
  })

  it('round-trips every name of any map it builds, and every wire name is accepted by LLM APIs', () => {
    const name = fc.oneof(
      fc.string({ maxLength: 90 }),
      fc
        .tuple(fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/), fc.string({ maxLength: 80 }))
        .map(([s, t]) => `${s}/${t}`),
    )
    fc.assert(
      fc.property(fc.uniqueArray(name, { maxLength: 30 }), (names) => {
        let map: ToolNameMap
        try {
          map = ToolNameMap.build(names)
        } catch (error) {
          // Refusing is allowed only for a real collision of encodings.
          expect((error as WardenError).code).toBe('TOOL_NAME_COLLISION')
          const wires = names.map(encodeToolName)
          expect(new Set(wires).size).toBeLessThan(names.length)
          return
        }
        const wires = new Set<string>()
        for (const n of names) {
          const wire = map.toWire(n)!
          expect(wire).toMatch(WIRE_NAME)
          expect(map.toCanonical(wire)).toBe(n)
          wires.add(wire)
        }
        expect(wires.size).toBe(names.length)
      }),
      { numRuns: 500 },
    )
  })
})
