import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isKnownCode } from '../../errors/catalog.js'
import { canonicalizePolicyPath } from './canonical-path.js'
import { decodedForms, isInside } from './decoded-forms.case.js'
import { checkFileAccess, compileFilesPolicy, type FileOperation } from './files-policy.js'

const policy = compileFilesPolicy(
  { read: ['/data/public/**'], write: ['/data/outputs/**'], delete: ['/data/outputs/tmp/**'] },
  ['agents', 'prop', 'permissions', 'files'],
)
// The same grants written as wildcard globs, so that the segment matcher (not the `dir/**` prefix fast
// path) faces the hostile paths too.
const wildcardPolicy = compileFilesPolicy(
  {
    read: ['/data/{public,nothing}/**'],
    write: ['/data/@(outputs)/**'],
    delete: ['/data/outputs/@(tmp)/**'],
  },
  ['agents', 'prop-wildcard', 'permissions', 'files'],
)
// FILES_PROPERTY_RUNS=200000 for a deeper search than the default run.
const RUNS = Number(process.env['FILES_PROPERTY_RUNS'] ?? 5_000)
const BASE: Readonly<Record<FileOperation, string>> = {
  read: '/data/public',
  list: '/data/public',
  write: '/data/outputs',
  delete: '/data/outputs/tmp',
}

// Pieces an attacker combines: traversal, encodings at several depths, overlong UTF-8, look-alikes,
// invisible characters, Windows forms, and ordinary names so that some paths are (rightly) allowed.
const BENIGN = [
  '..',
  '.',
  '',
  'a',
  'x.txt',
  '.env',
  'public',
  'outputs',
  'tmp',
  'data',
  'etc',
  'café',
  '日本',
  '%',
  '%20',
  '%41',
]
const HOSTILE = [
  ' ',
  '...',
  '~',
  'C:',
  '%2e',
  '%2E',
  '%2f',
  '%2F',
  '%5c',
  '%00',
  '%0a',
  '%25',
  '%252e',
  '%25252e',
  '%%32%65',
  '%%32%66',
  '%c0%af',
  '%c0%ae',
  '%e0%80%af',
  '%u002e',
  '%ef%bc%8e',
  '%e2%88%95',
  '\uff0e',
  '\uff0f',
  '\uff3c',
  '\u2215',
  '\u2044',
  '\u2024',
  '\u2025',
  '\ufe52',
  '\u200b',
  '\u0307',
  '\\',
  '\0',
  '\n',
  '::$DATA',
]
const atom = fc.oneof(
  { arbitrary: fc.constantFrom(...BENIGN), weight: 4 },
  { arbitrary: fc.constantFrom(...HOSTILE), weight: 1 },
)
const separator = fc.oneof(
  { arbitrary: fc.constant('/'), weight: 6 },
  { arbitrary: fc.constantFrom('//', '\\', '%2f', '\uff0f', '\u2215'), weight: 1 },
)
const prefix = fc.oneof(
  { arbitrary: fc.constantFrom('/data/public/', '/data/outputs/', '/data/outputs/tmp/'), weight: 4 },
  { arbitrary: fc.constantFrom('/', '', '//', '/data/', '\\\\srv\\', '~/'), weight: 1 },
)

const segment = fc.array(atom, { minLength: 1, maxLength: 3 }).map((a) => a.join(''))
const hostilePath = fc
  .tuple(prefix, fc.array(fc.tuple(segment, separator), { minLength: 1, maxLength: 6 }))
  .map(([start, parts]) => start + parts.map(([s, sep], i) => (i === 0 ? s : sep + s)).join(''))
const operation = fc.constantFrom<FileOperation>('read', 'write', 'delete', 'list')

// Ordinary names: letters, digits, dots inside names, spaces, non-ASCII letters; never a look-alike.
const safeName = fc
  .array(fc.constantFrom('a', 'B', '7', '-', '_', '.', ' ', 'é', '日', 'ж', 'x'), {
    minLength: 1,
    maxLength: 12,
  })
  .map((c) => c.join(''))
  .filter((n) => !/^[. ]+$/.test(n))

describe('filesPolicy properties', () => {
  it.each([
    ['a literal dir/** policy', policy],
    ['a wildcard policy', wildcardPolicy],
  ])(
    'never allows a generated path whose canonical or any decoded form leaves the glob (%s)',
    (_, subject) => {
      let allowed = 0
      fc.assert(
        fc.property(hostilePath, operation, (raw, op) => {
          const result = checkFileAccess(subject, op, raw)
          if (!result.allowed) return
          allowed++
          const canonical = canonicalizePolicyPath(raw)
          expect(canonical.ok).toBe(true)
          if (!canonical.ok) return
          expect(isInside(canonical.path, BASE[op], op === 'list')).toBe(true)
          for (const form of decodedForms(raw)) {
            expect(
              isInside(form, BASE[op], op === 'list'),
              `${JSON.stringify(raw)} → ${JSON.stringify(form)}`,
            ).toBe(true)
          }
        }),
        { numRuns: RUNS },
      )
      // The generator must reach allowed paths too, or the property would hold vacuously.
      expect(allowed).toBeGreaterThan(50)
    },
  )

  it('allows paths built from ordinary names under the glob (no false positives)', () => {
    fc.assert(
      fc.property(fc.array(safeName, { minLength: 1, maxLength: 5 }), (names) => {
        const raw = `/data/public/${names.join('/')}`
        expect(checkFileAccess(policy, 'read', raw)).toEqual({ allowed: true })
        expect(checkFileAccess(policy, 'list', raw)).toEqual({ allowed: true })
        expect(checkFileAccess(policy, 'write', raw).allowed).toBe(false)
      }),
      { numRuns: 1_000 },
    )
  })

  it('is idempotent: a canonical path canonicalises to itself', () => {
    fc.assert(
      fc.property(hostilePath, (raw) => {
        const once = canonicalizePolicyPath(raw)
        if (!once.ok) return
        expect(canonicalizePolicyPath(once.path)).toEqual(once)
      }),
      { numRuns: 2_000 },
    )
  })

  it('never throws, and denies with a catalogued code, on any value', () => {
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withDate: true, withMap: true, withSet: true }),
        operation,
        (raw, op) => {
          const result = checkFileAccess(policy, op, raw)
          if (!result.allowed) expect(isKnownCode(result.code)).toBe(true)
          else expect(typeof raw).toBe('string')
        },
      ),
      { numRuns: 2_000 },
    )
  })

  it('never throws on any string, and denies with a catalogued code', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 64 }), operation, (raw, op) => {
        const result = checkFileAccess(policy, op, `/data/public/${raw}`)
        if (!result.allowed) expect(isKnownCode(result.code)).toBe(true)
      }),
      { numRuns: 2_000 },
    )
  })
})
