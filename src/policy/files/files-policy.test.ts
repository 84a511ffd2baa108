import { describe, expect, it } from 'vitest'
import { ConfigPathError } from '../../config/load.js'
import type { FilesPermissions } from '../../config/schema.js'
import { isKnownCode } from '../../errors/catalog.js'
import { filesCodes } from '../../errors/codes/files.js'
import type { BoundaryResult } from '../boundary.js'
import { checkFileAccess, compileFilesPolicy, type FileOperation, type FilesPolicy } from './files-policy.js'

const AT = ['agents', 'reporter', 'permissions', 'files'] as const
/** The seed's agentPermissions.files. */
const SEED: FilesPermissions = {
  read: ['/data/public/**', '/data/reports/**'],
  write: ['/data/outputs/**'],
  delete: [],
}

function aPolicy(perms: Partial<FilesPermissions> = SEED): FilesPolicy {
  return compileFilesPolicy({ read: [], write: [], delete: [], ...perms }, AT)
}

function codeOf(result: BoundaryResult): string | undefined {
  return result.allowed ? undefined : result.code
}

describe('compileFilesPolicy', () => {
  it('compiles the seed permissions', () => {
    const policy = aPolicy()
    expect(policy.read.map((g) => g.base)).toEqual(['/data/public', '/data/reports'])
    expect(policy.delete).toEqual([])
  })

  it('throws ConfigPathError at the offending glob, naming why', () => {
    const cases: [Partial<FilesPermissions>, (string | number)[]][] = [
      [{ read: ['/data/public/**', 'relative/**'] }, ['read', 1]],
      [{ write: ['/data/../etc/**'] }, ['write', 0]],
      [{ delete: ['/data\\x'] }, ['delete', 0]],
      [{ read: ['/data/\0'] }, ['read', 0]],
      [{ read: [''] }, ['read', 0]],
      [{ read: ['/data/public/'] }, ['read', 0]],
    ]
    for (const [perms, where] of cases) {
      let thrown: unknown
      try {
        aPolicy(perms)
      } catch (error) {
        thrown = error
      }
      expect(thrown).toBeInstanceOf(ConfigPathError)
      expect((thrown as ConfigPathError).path).toEqual([...AT, ...where])
      expect((thrown as ConfigPathError).message.length).toBeGreaterThan(10)
    }
  })

  it('returns a frozen policy (policy changes only by loading configuration)', () => {
    const policy = aPolicy()
    expect(Object.isFrozen(policy)).toBe(true)
    expect(Object.isFrozen(policy.read)).toBe(true)
  })
})

describe('checkFileAccess', () => {
  const policy = aPolicy()

  it('allows each operation inside its own globs only', () => {
    expect(checkFileAccess(policy, 'read', '/data/public/report.v2.final.txt')).toEqual({ allowed: true })
    expect(checkFileAccess(policy, 'read', '/data/reports/2026/q3.csv').allowed).toBe(true)
    expect(checkFileAccess(policy, 'write', '/data/outputs/summary.md').allowed).toBe(true)
    expect(codeOf(checkFileAccess(policy, 'write', '/data/public/x'))).toBe('FILES_WRITE_NOT_ALLOWED')
    expect(codeOf(checkFileAccess(policy, 'read', '/data/outputs/summary.md'))).toBe('FILES_READ_NOT_ALLOWED')
    expect(codeOf(checkFileAccess(policy, 'read', '/etc/passwd'))).toBe('FILES_READ_NOT_ALLOWED')
  })

  it('denies every delete when the delete list is empty (the seed’s `delete: []`)', () => {
    for (const path of ['/data/outputs/x', '/data/public/x', '/tmp/x']) {
      expect(codeOf(checkFileAccess(policy, 'delete', path))).toBe('FILES_DELETE_NOT_ALLOWED')
    }
    const denied = checkFileAccess(aPolicy({ read: [], write: [], delete: [] }), 'read', '/data/public/x')
    expect(codeOf(denied)).toBe('FILES_READ_NOT_ALLOWED')
  })

  it('does not treat the glob’s own root as a file inside it', () => {
    expect(codeOf(checkFileAccess(policy, 'read', '/data/public'))).toBe('FILES_READ_NOT_ALLOWED')
    expect(codeOf(checkFileAccess(policy, 'write', '/data/outputs/'))).toBe('FILES_WRITE_NOT_ALLOWED')
    expect(
      codeOf(checkFileAccess(aPolicy({ delete: ['/data/outputs/**'] }), 'delete', '/data/outputs')),
    ).toBe('FILES_DELETE_NOT_ALLOWED')
  })

  // Listing reveals the names of every entry, so it is allowed only where every entry is readable: the root
  // of a `dir/**` read glob and any directory inside it, or the root of a `dir/*` read glob.
  it('lists a directory only when a read glob makes every entry in it readable', () => {
    expect(checkFileAccess(policy, 'list', '/data/public').allowed).toBe(true)
    expect(checkFileAccess(policy, 'list', '/data/public/').allowed).toBe(true)
    expect(checkFileAccess(policy, 'list', '/data/public/x').allowed).toBe(true)
    expect(codeOf(checkFileAccess(policy, 'list', '/data'))).toBe('FILES_LIST_NOT_ALLOWED')
    expect(codeOf(checkFileAccess(policy, 'list', '/'))).toBe('FILES_LIST_NOT_ALLOWED')
    expect(codeOf(checkFileAccess(policy, 'list', '/data/outputs'))).toBe('FILES_LIST_NOT_ALLOWED')
    expect(codeOf(checkFileAccess(policy, 'list', '/data/public/../secret'))).toBe('PATH_TRAVERSAL')
    const filtered = aPolicy({ read: ['/data/public/*.txt'] })
    expect(codeOf(checkFileAccess(filtered, 'list', '/data/public'))).toBe('FILES_LIST_NOT_ALLOWED')
  })

  it('denies a path that climbs out of its glob after normalisation', () => {
    for (const path of [
      '/data/public/../secret/x',
      '/data/public/a/../../secret',
      '/data/public/../reports/../../etc/passwd',
    ]) {
      expect(codeOf(checkFileAccess(policy, 'read', path)), path).toBe('PATH_TRAVERSAL')
    }
  })

  it('allows `..` that stays inside, rewriting the action to the canonical path', () => {
    expect(checkFileAccess(policy, 'read', '/data/public/a/../b.txt')).toEqual({
      allowed: true,
      args: { path: '/data/public/b.txt' },
      code: 'FILES_PATH_CANONICALIZED',
      reason: 'path resolved to /data/public/b.txt',
    })
    // From one granted glob into another is still inside the grants.
    expect(checkFileAccess(policy, 'read', '/data/public/../reports/q3.csv').allowed).toBe(true)
  })

  it('allows `.` segments, doubled and trailing slashes without a rewrite (they mean the same file)', () => {
    expect(checkFileAccess(policy, 'read', '/data/public/./a//b.txt')).toEqual({ allowed: true })
  })

  it('denies a path that climbs out of its glob after decoding', () => {
    for (const path of [
      '/data/public/%2e%2e/%2e%2e/etc/passwd',
      '/data/public/%252e%252e/secret',
      '/data/public/..%c0%af..%c0%afetc/passwd',
      '/data/public/\uff0e\uff0e\uff0fsecret',
      '/data/public/\u2024\u2024/secret',
    ]) {
      expect(checkFileAccess(policy, 'read', path).allowed, path).toBe(false)
    }
  })

  it('requires the percent-decoded form to be inside the globs too', () => {
    // A layer that decodes `%41` would act on `/data/aA/y`: granted literally (it has a `%`), not decoded.
    const percentNames = aPolicy({ read: ['/data/*%*/**'] })
    expect(checkFileAccess(percentNames, 'read', '/data/100%/y').allowed).toBe(true)
    const decodedOutside = checkFileAccess(percentNames, 'read', '/data/a%41/y')
    expect(codeOf(decodedOutside)).toBe('FILES_READ_NOT_ALLOWED')
    expect(decodedOutside.allowed ? '' : decodedOutside.reason).toContain('/data/aA/y')
    // Granted decoded only: the literal path, which the governed tool opens, is outside.
    const named = aPolicy({ read: ['/data/aA/**'] })
    expect(codeOf(checkFileAccess(named, 'read', '/data/a%41/y'))).toBe('FILES_READ_NOT_ALLOWED')
    // Both forms inside: allowed.
    expect(checkFileAccess(aPolicy({ read: ['/data/**'] }), 'read', '/data/report%20final.pdf').allowed).toBe(
      true,
    )
  })

  it('allows legitimate names: dots, dot files, spaces, non-ASCII, `%` that encodes nothing', () => {
    for (const path of [
      '/data/public/report.v2.final.txt',
      '/data/public/.env',
      '/data/public/.config/app.json',
      '/data/public/café/日本.txt',
      '/data/public/my report (final).txt',
      '/data/public/100%.txt',
      '/data/public/report%20final.pdf',
      '/data/public/a..b.txt',
      '/data/public/..hidden',
      '/data/public/notes.txt~',
    ]) {
      expect(checkFileAccess(policy, 'read', path), path).toEqual({ allowed: true })
    }
  })

  it('refuses invalid paths with the canonicaliser’s code', () => {
    expect(codeOf(checkFileAccess(policy, 'read', 'public/x'))).toBe('PATH_NOT_ABSOLUTE')
    expect(codeOf(checkFileAccess(policy, 'read', '/data/public/x\0'))).toBe('PATH_NUL')
    expect(codeOf(checkFileAccess(policy, 'read', undefined))).toBe('PATH_INVALID')
    expect(codeOf(checkFileAccess(policy, 'read', '\\\\server\\share'))).toBe('PATH_WINDOWS_FORM')
  })

  it('refuses an operation it does not know instead of guessing', () => {
    const result = checkFileAccess(policy, 'chmod' as FileOperation, '/data/public/x')
    expect(codeOf(result)).toBe('FILES_UNKNOWN_OPERATION')
  })

  it('emits only codes that are in the catalog, each with meaning and fix', () => {
    for (const [code, entry] of Object.entries(filesCodes)) {
      expect(entry.meaning.length).toBeGreaterThan(10)
      expect(entry.fix.length).toBeGreaterThan(10)
      expect(isKnownCode(code), code).toBe(true)
    }
  })
})
