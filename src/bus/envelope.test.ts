import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Deduplicator } from './dedup.js'
import { decodeMessage, encodeMessage, MAX_MESSAGE_BYTES, Stamper } from './envelope.js'

describe('decodeMessage', () => {
  it('round-trips what encodeMessage wrote', () => {
    const stamper = new Stamper('origin-1')
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (payload) => {
        const message = stamper.stamp(payload)
        expect(decodeMessage(encodeMessage(message))).toEqual(JSON.parse(JSON.stringify(message)))
      }),
    )
  })

  it('never throws on arbitrary input from the broker, and drops what is not an envelope', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        const decoded = decodeMessage(text)
        if (decoded !== undefined) {
          expect(typeof decoded.origin).toBe('string')
          expect(Number.isSafeInteger(decoded.seq) && decoded.seq >= 1).toBe(true)
        }
      }),
    )
    for (const bad of [
      'null',
      '[]',
      '{"o":"x","s":0,"t":1,"p":{}}',
      '{"o":"x","s":1.5,"t":1,"p":{}}',
      '{"o":"","s":1,"t":1,"p":{}}',
      '{"o":"x","s":1,"t":1,"p":[]}',
    ]) {
      expect(decodeMessage(bad)).toBeUndefined()
    }
  })

  it('drops an oversized message unread', () => {
    const big = encodeMessage({ origin: 'o', seq: 1, ts: 1, payload: { x: 'y'.repeat(MAX_MESSAGE_BYTES) } })
    expect(decodeMessage(big)).toBeUndefined()
  })
})

describe('Deduplicator', () => {
  it('accepts each (origin, seq) once, in any order within the window', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 3_000 }), { minLength: 1 }), (seqs) => {
        const d = new Deduplicator()
        for (const s of seqs) expect(d.firstTime('o', s)).toBe(true)
        for (const s of seqs) expect(d.firstTime('o', s)).toBe(false)
      }),
    )
  })

  it('keeps origins apart, and treats a message far behind the window as already seen', () => {
    const d = new Deduplicator()
    expect(d.firstTime('a', 1)).toBe(true)
    expect(d.firstTime('b', 1)).toBe(true)
    expect(d.firstTime('a', 10_000)).toBe(true)
    expect(d.firstTime('a', 2)).toBe(false)
  })
})
