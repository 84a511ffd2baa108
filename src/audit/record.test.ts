import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { placeRecord, prepareRecord } from './build-record.js'
import { decodeHead, GENESIS_PREV } from './record.js'
import { anEntry } from './test-entry.js'

describe('decodeHead', () => {
  it('reads back the seq and prev of every record Warden writes', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (seq, prev) => {
          const row = placeRecord(
            prepareRecord(anEntry(), 'hashes', undefined, () => new Date()),
            seq,
            prev,
          )
          expect(decodeHead(row.body)).toEqual({ seq, prev })
        },
      ),
    )
  })

  it('refuses bodies that only look like records (a forged row must not pass as one)', () => {
    const ok = `{"seq":5,"prev":"${GENESIS_PREV}","v":1}`
    expect(decodeHead(ok)).toEqual({ seq: 5, prev: GENESIS_PREV })
    for (const bad of [
      ok.replace('"seq":5', '"seq":05'),
      ok.replace('"seq":5', '"seq":-5'),
      ok.replace('"seq":5', '"seq":5.0'),
      ok.replace(GENESIS_PREV, 'A'.repeat(64)),
      ok.replace(GENESIS_PREV, '0'.repeat(63)),
      ok.replace('{"seq"', '{ "seq"'),
      '{"prev":"x","seq":5}',
      '',
    ]) {
      expect(decodeHead(bad), bad).toBeNull()
    }
  })
})
