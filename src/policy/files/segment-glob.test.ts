import fc from 'fast-check'
import picomatch from 'picomatch'
import { describe, expect, it } from 'vitest'
import { compileGlob } from './compiled-glob.js'
import { compileSegmentGlob, type SegmentMatcher, splitSegments } from './segment-glob.js'

function matcher(glob: string): SegmentMatcher {
  const compiled = compileSegmentGlob(glob)
  if (!compiled.ok) throw new Error(compiled.why)
  return compiled.match
}

const matches = (glob: string, path: string): boolean => matcher(glob)(splitSegments(path))

describe('compileSegmentGlob', () => {
  it('matches `**` against zero or more whole segments', () => {
    expect(matches('/data/**', '/data')).toBe(true)
    expect(matches('/data/**', '/data/a/b/.c')).toBe(true)
    expect(matches('/data/**/x', '/data/x')).toBe(true)
    expect(matches('/data/**/x', '/data/a/b/x')).toBe(true)
    expect(matches('/data/**/x', '/data/a/b/xy')).toBe(false)
    expect(matches('/**', '/')).toBe(true)
    expect(matches('/data/**', '/database/x')).toBe(false)
  })

  // Semantics are bash's globstar: `**` is zero or more whole segments, every other segment is one
  // picomatch pattern. picomatch's whole-path regex agrees on what a glob grants (its root excluded);
  // where it differs (`/x/*/**` does not match `/x/a` in picomatch, `!(a)` looks past its segment), the
  // segment reading is the documented one. Compared here through compileGlob's `grants`.
  it('grants what picomatch grants for globs under a literal first segment', () => {
    const globSegment = fc.constantFrom(
      'a',
      'b',
      '*',
      '**',
      'a*',
      '*.txt',
      '{a,b}',
      '[ab]',
      '?',
      '.x',
      '*b*',
      '@(a|b)',
    )
    const pathSegment = fc.constantFrom('a', 'b', 'ab', 'ba', '.x', 'x.txt', '.txt', 'c', 'bab', 'a.b')
    const options = { dot: true, nonegate: true, strictBrackets: true, windows: false }
    fc.assert(
      fc.property(
        fc.array(globSegment, { minLength: 1, maxLength: 5 }),
        fc.array(pathSegment, { minLength: 0, maxLength: 6 }),
        (g, p) => {
          const glob = `/data/${g.join('/')}`
          const path = p.length === 0 ? '/data' : `/data/${p.join('/')}`
          const compiled = compileGlob(glob)
          if (!compiled.ok) return
          const root = glob.endsWith('/**') && picomatch.makeRe(glob.slice(0, -3), options).test(path)
          const expected = picomatch.makeRe(glob, options).test(path) && !root
          expect(compiled.glob.grants(path), `${glob} ${path}`).toBe(expected)
        },
      ),
      { numRuns: 5_000 },
    )
  })

  // A whole-path regex backtracks polynomially in the path length; a regex cannot be interrupted by the
  // stage timeout, so one crafted path would stall the gateway. These return at once with segments.
  it('decides crafted paths against several globstars without backtracking blow-up', () => {
    const path = `/data/${'x/y/'.repeat(1000)}q`
    expect(matches('/data/**/x/**/y/**/z.txt', path)).toBe(false)
    expect(matches('/data/**/x/**/y/**/q', path)).toBe(true)
    expect(matches('/data/**/*a*b', `/data/${'ab/'.repeat(1300)}c`)).toBe(false)
  })

  it('refuses globs whose single-segment matching could blow up or that split groups across `/`', () => {
    for (const glob of [
      '/data/*a*a*b',
      '/data/+(a|aa)',
      '/data/*(a|b)x',
      '/data/{a/b,c}/**',
      '/data/@(a/b)',
    ]) {
      expect(compileSegmentGlob(glob).ok, glob).toBe(false)
    }
    for (const glob of ['/data/*-*.csv', '/data/@(a|b)/**', '/data/!(secret)/**', '/data/?(x)y']) {
      expect(compileSegmentGlob(glob).ok, glob).toBe(true)
    }
  })
})
