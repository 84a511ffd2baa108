import { describe, expect, it } from 'vitest'
import { type CompiledGlob, compileGlob } from './compiled-glob.js'

function glob(text: string): CompiledGlob {
  const compiled = compileGlob(text)
  if (!compiled.ok) throw new Error(compiled.why)
  return compiled.glob
}

describe('compileGlob', () => {
  it('refuses globs that are not absolute canonical POSIX paths', () => {
    for (const bad of [
      '',
      'data/**',
      '**',
      '!/data/secret/**',
      '/data/../etc/**',
      '/data/{public,..}/**',
      '/data/@(x|..)/**',
      '/data/./public/**',
      '/data/public/',
      '/data//public/**',
      '/data\\public\\**',
      '/data/\0/**',
      '~/data/**',
      '/data/\uff0e\uff0e/**',
      '/data/%2e/**',
      '/data/my%20docs/**',
      'C:/data/**',
      '//server/share/**',
    ]) {
      expect(compileGlob(bad).ok, JSON.stringify(bad)).toBe(false)
    }
    expect(compileGlob(42).ok).toBe(false)
  })

  it('accepts globs with wildcards, braces and extglobs', () => {
    for (const good of [
      '/data/public/**',
      '/data/*/reports/*.csv',
      '/data/{a,b}/**',
      '/data/!(secret)/**',
      '/**',
      '/data/x.txt',
    ]) {
      expect(compileGlob(good).ok, good).toBe(true)
    }
  })

  it('grants files below `dir/**`, dot files included, but not `dir` itself nor a sibling sharing its prefix', () => {
    const g = glob('/data/public/**')
    expect(g.base).toBe('/data/public')
    expect(g.grants('/data/public/a.txt')).toBe(true)
    expect(g.grants('/data/public/deep/er/.env')).toBe(true)
    expect(g.grants('/data/public/.git/config')).toBe(true)
    expect(g.grants('/data/public')).toBe(false)
    expect(g.grants('/data/publicity/x')).toBe(false)
    expect(g.grants('/data')).toBe(false)
  })

  it('does not grant the root of a wildcard prefix (`/data/*/**` does not grant `/data/a`)', () => {
    const g = glob('/data/*/**')
    expect(g.grants('/data/a/x')).toBe(true)
    expect(g.grants('/data/a')).toBe(false)
    expect(g.lists('/data/a')).toBe(true)
    expect(g.lists('/data')).toBe(false)
  })

  it('treats `/**` as everything below `/`, but not `/` itself', () => {
    const g = glob('/**')
    expect(g.grants('/etc/passwd')).toBe(true)
    expect(g.grants('/')).toBe(false)
    expect(g.lists('/')).toBe(true)
  })

  it('lets `dir/**` list `dir` and every directory inside it, and nothing above it', () => {
    const g = glob('/data/public/**')
    expect(g.lists('/data/public')).toBe(true)
    expect(g.lists('/data/public/x')).toBe(true)
    expect(g.lists('/data/public/x/y')).toBe(true)
    expect(g.lists('/data')).toBe(false)
    expect(g.lists('/')).toBe(false)
    expect(g.lists('/data/publicity')).toBe(false)
  })

  it('lets `dir/*` list only `dir`, whose entries it grants, not the directories inside', () => {
    const g = glob('/data/inbox/*')
    expect(g.lists('/data/inbox')).toBe(true)
    expect(g.lists('/data/inbox/sub')).toBe(false)
    expect(g.grants('/data/inbox/.hidden')).toBe(true)
    expect(g.grants('/data/inbox')).toBe(false)
  })

  it('never lets a glob that filters names list a directory (listing would reveal the others)', () => {
    expect(glob('/data/public/*.txt').lists('/data/public')).toBe(false)
    expect(glob('/data/public/report.txt').lists('/data/public')).toBe(false)
    expect(glob('/data/public/**/*.txt').lists('/data/public')).toBe(false)
  })

  it('matches case-sensitively, as POSIX file systems do', () => {
    expect(glob('/data/public/**').grants('/DATA/public/x')).toBe(false)
  })
})
