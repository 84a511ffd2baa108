import { ConfigPathError } from '../../config/load.js'
import type { ConfigPath } from '../../config/locate.js'
import type { FilesPermissions } from '../../config/schema.js'
import { type BoundaryResult, PERMITTED, refused } from '../boundary.js'
import { canonicalForms } from './canonical-path.js'
import { type CompiledGlob, compileGlob } from './compiled-glob.js'

export type FileOperation = 'read' | 'write' | 'delete' | 'list'

/** An agent's `files` permissions with every glob compiled once; `list` is governed by `read`. */
export interface FilesPolicy {
  readonly read: readonly CompiledGlob[]
  readonly write: readonly CompiledGlob[]
  readonly delete: readonly CompiledGlob[]
}

type GrantKey = keyof FilesPolicy

const NOT_ALLOWED: Readonly<Record<FileOperation, string>> = {
  read: 'FILES_READ_NOT_ALLOWED',
  write: 'FILES_WRITE_NOT_ALLOWED',
  delete: 'FILES_DELETE_NOT_ALLOWED',
  list: 'FILES_LIST_NOT_ALLOWED',
}

/**
 * Compiles `permissions.files`. A glob that is not an absolute canonical POSIX path (relative, with
 * `..`, `.`, a backslash, NUL, a look-alike, a trailing slash, ...) throws ConfigPathError at
 * `[...at, 'read', i]`, so a bad policy fails at load, never per request. An empty list denies everything.
 *
 * @example compileFilesPolicy({ read: ['/data/public/**'], write: [], delete: [] }, ['agents', 'a', 'permissions', 'files'])
 */
export function compileFilesPolicy(perms: FilesPermissions, at: ConfigPath): FilesPolicy {
  return Object.freeze({
    read: compileList(perms.read, [...at, 'read']),
    write: compileList(perms.write, [...at, 'write']),
    delete: compileList(perms.delete, [...at, 'delete']),
  })
}

function compileList(globs: unknown, at: ConfigPath): readonly CompiledGlob[] {
  if (globs === undefined) return Object.freeze([])
  if (!Array.isArray(globs)) throw new ConfigPathError(at, 'expected a list of absolute globs')
  return Object.freeze(
    globs.map((glob: unknown, i) => {
      const compiled = compileGlob(glob)
      if (!compiled.ok) throw new ConfigPathError([...at, i], compiled.why)
      return compiled.glob
    }),
  )
}

/**
 * Decides one files operation on an untrusted path. The path is canonicalised first (see
 * canonicalizePolicyPath); then read/write/delete need a glob of that operation that grants the canonical
 * path, and so does its percent-decoded form when it has escapes (a layer that decodes must land inside
 * too). `list` of a directory needs a read glob under which every entry of that directory is readable:
 * with `/data/public/**`, `/data/public` and `/data/public/x` may be listed, `/data` may not. When `..`
 * was resolved, the allow carries the canonical path as rewritten args (a symlink before `..` must not
 * send the tool elsewhere). Never throws.
 *
 * @example checkFileAccess(policy, 'read', '/data/public/a.txt') // { allowed: true }
 */
export function checkFileAccess(policy: FilesPolicy, op: FileOperation, rawPath: unknown): BoundaryResult {
  const key = grantKey(op)
  if (key === undefined) return refused('FILES_UNKNOWN_OPERATION', `unknown files operation ${String(op)}`)
  const forms = canonicalForms(rawPath)
  if (!forms.ok) return refused(forms.code, forms.reason, { operation: op })
  const globs = policy[key]
  const covers = op === 'list' ? listedBy : grantedBy
  const literal = covers(globs, forms.path)
  const decoded = forms.decoded === undefined || covers(globs, forms.decoded)
  if (literal && decoded) {
    if (!forms.climbed) return PERMITTED
    return {
      allowed: true,
      args: { path: forms.path },
      code: 'FILES_PATH_CANONICALIZED',
      reason: `path resolved to ${forms.path}`,
    }
  }
  const detail = { operation: op, path: forms.path }
  if (forms.climbed) {
    return refused('PATH_TRAVERSAL', `\`..\` leads to ${forms.path}, outside the files.${key} globs`, detail)
  }
  if (globs.length === 0) {
    return refused(NOT_ALLOWED[op], `files.${key} is empty: every ${op} is denied`, detail)
  }
  if (literal) {
    return refused(
      NOT_ALLOWED[op],
      `the percent-decoded form ${forms.decoded} is outside the files.${key} globs`,
      detail,
    )
  }
  const what = op === 'list' ? 'lets every entry of' : 'grants'
  return refused(NOT_ALLOWED[op], `no files.${key} glob ${what} ${forms.path}`, detail)
}

function grantKey(op: unknown): GrantKey | undefined {
  switch (op) {
    case 'read':
    case 'list':
      return 'read'
    case 'write':
      return 'write'
    case 'delete':
      return 'delete'
    default:
      return undefined
  }
}

function grantedBy(globs: readonly CompiledGlob[], path: string): boolean {
  for (const glob of globs) if (glob.grants(path)) return true
  return false
}

function listedBy(globs: readonly CompiledGlob[], dir: string): boolean {
  for (const glob of globs) if (glob.lists(dir)) return true
  return false
}
