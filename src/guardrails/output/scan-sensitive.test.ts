import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_SCAN_CHARS, scanSensitive, UNSCANNED_ENTITY } from './scan-sensitive.js'

const N = 100_000
const repeat = (s: string) => s.repeat(Math.ceil(N / s.length)).slice(0, N)

describe('scanSensitive', () => {
  it('returns findings sorted by start, without overlaps, with JavaScript string offsets', () => {
    const text = '🙂 Mail ana@example.org or call +44 20 7946 0958; card 4111 1111 1111 1111.'
    const found = scanSensitive(text)
    expect(found.map((f) => f.entity)).toEqual(['EMAIL_ADDRESS', 'PHONE_NUMBER', 'CREDIT_CARD'])
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('ana@example.org')
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end)
  })

  it('limits results to the requested entities, SECRET selecting every secret', () => {
    const text = 'ana@example.org AKIAQ7WADE5R42RDZ4JX'
    expect(scanSensitive(text, { entities: ['SECRET'] }).map((f) => f.kind)).toEqual(['AWS_ACCESS_KEY'])
    expect(scanSensitive(text, { entities: ['EMAIL_ADDRESS'] }).map((f) => f.entity)).toEqual([
      'EMAIL_ADDRESS',
    ])
  })

  it('lets a secret win over PII it overlaps (a key is not a phone number)', () => {
    const found = scanSensitive('password=4556533239101405x')
    expect(found.map((f) => f.type)).toEqual(['secret'])
  })

  it('gives a clear, empty answer for empty, binary and lone-surrogate input', () => {
    expect(scanSensitive('')).toEqual([])
    expect(scanSensitive('\u0000\u0001\uFFFF\u0007'.repeat(1000))).toEqual([])
    const broken = '\uD800 ana@example.org \uDC00'
    const found = scanSensitive(broken)
    expect(found.map((f) => broken.slice(f.start, f.end))).toEqual(['ana@example.org'])
  })

  it('bounds work on huge input: the unscanned tail is one finding, so it gets redacted', () => {
    const text = `${'x '.repeat(MAX_SCAN_CHARS / 2)}ana@example.org`
    const found = scanSensitive(text)
    expect(found.at(-1)).toMatchObject({ entity: UNSCANNED_ENTITY, start: MAX_SCAN_CHARS, end: text.length })
  })

  it('finishes on 100 KB of repeated near-matches for every recogniser (no catastrophic backtracking)', () => {
    const adversarial = [
      'a',
      '1',
      '1 ',
      '12-',
      '1.1.1.1.',
      'a:',
      'ab12:',
      'a@',
      'a@a.',
      'password=',
      'key:key ',
      'password "',
      '-----BEGIN PRIVATE KEY-----\n',
      'eyJa.',
      'AKIA',
      'ghp_',
      'A',
      'Aaron ',
      'Mr. ',
      'New ',
      '(1',
      '+1 ',
      'a://b:',
      'GB82 ',
      'LS0tLS1CRUdJTi',
      'born 1/1/1990 ',
      'sk-ant-api03-',
      '4111 1111 1111 111',
    ]
    for (const unit of adversarial) {
      const found = scanSensitive(repeat(unit))
      expect(Array.isArray(found), unit).toBe(true)
    }
  })

  it('always returns offsets that index into the text (property)', () => {
    const piece = fc.constantFrom(
      'ana@example.org',
      '4111 1111 1111 1111',
      '536-22-8726',
      'GB82 WEST 1234 5698 7654 32',
      '203.0.113.7',
      '+1 415 555 0132',
      'password=Wq7#kLz9!pX2',
      'AKIAQ7WADE5R42RDZ4JX',
      'Margaret',
      'Paris',
      ' ',
      '\n',
      '\uD800',
    )
    fc.assert(
      fc.property(
        fc.array(fc.oneof(piece, fc.string(), fc.string({ unit: 'binary' })), { maxLength: 12 }),
        (parts) => {
          const text = parts.join('')
          let last = 0
          for (const f of scanSensitive(text)) {
            expect(f.start).toBeGreaterThanOrEqual(last)
            expect(f.end).toBeGreaterThan(f.start)
            expect(f.end).toBeLessThanOrEqual(text.length)
            expect(f.score).toBeGreaterThan(0)
            expect(f.score).toBeLessThanOrEqual(1)
            last = f.end
          }
        },
      ),
      { numRuns: 300 },
    )
  })
})
