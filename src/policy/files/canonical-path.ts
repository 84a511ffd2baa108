import { lookAlikeReason } from './look-alikes.js'
import { percentDecode } from './percent-decoding.js'

/** What canonicalizePolicyPath returns: the canonical path, or a PATH_* code and the reason. */
export type CanonicalPath = { ok: true; path: string } | { ok: false; code: string; reason: string }

/** The canonical path and what matching needs to know about how it was reached. */
export type CanonicalForms =
  | {
      readonly ok: true
      /** Literal canonical path: absolute, no `.`, `..`, empty segments or trailing slash. */
      readonly path: string
      /** The same path with its (harmless) percent-escapes decoded, when it has any. */
      readonly decoded: string | undefined
      /** True when a `..` segment was resolved: the tool must act on `path`, not on the raw input. */
      readonly climbed: boolean
    }
  | { readonly ok: false; readonly code: string; readonly reason: string }

type Refusal = { readonly ok: false; readonly code: string; readonly reason: string }

/** Linux PATH_MAX: longer paths are refused (PATH_INVALID) before any work is done on them. */
export const MAX_PATH_LENGTH = 4096
/** Linux NAME_MAX (counted in UTF-16 units here, which is never more than bytes). */
export const MAX_SEGMENT_LENGTH = 255

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/
const CONTROL = /[\x01-\x1f\x7f-\x9f\u2028\u2029]/
const LONE_SURROGATE = /\p{Cs}/u
// `C:`, `C:x` at the start, or a whole `C:` segment anywhere: Windows path joiners restart from a drive
// segment (`path.win32.join('/data/public', 'C:/boot.ini')`).
const DRIVE = /^\/?[A-Za-z]:|(?:^|\/)[A-Za-z]:(?:\/|$)/
// `file::$DATA` and `file:stream:$DATA` name NTFS alternate data streams.
const NTFS_STREAM = /:\$[A-Za-z_]/
const DOTS_AND_SPACES = /^[. ]+$/
const NON_ASCII = /[^\x00-\x7f]/
// Marks and joiners a normaliser may strip: ` \u0307` would then be a segment of spaces, read as `..` by
// Windows trimming.
const STRIPPABLE = /[\p{M}\u200c\u200d]/gu

/**
 * Turns an untrusted path into the one canonical absolute POSIX path that globs are matched against, or
 * says why it is refused. Refused before any matching: NUL, control characters, backslashes and other
 * Windows/UNC forms, relative paths and `~`, escapes that hide structure (see percentDecode), Unicode
 * look-alikes of `/` and `.`, and `..` above the root. `.` and empty segments and a trailing slash are
 * dropped; `..` that stays below the root is resolved lexically.
 *
 * @example canonicalizePolicyPath('/data/public/./a//b/') // { ok: true, path: '/data/public/a/b' }
 */
export function canonicalizePolicyPath(raw: unknown): CanonicalPath {
  const forms = canonicalForms(raw)
  return forms.ok ? { ok: true, path: forms.path } : { ok: false, code: forms.code, reason: forms.reason }
}

/**
 * canonicalizePolicyPath with the decoded form and whether `..` was resolved (for the files policy).
 *
 * @example canonicalForms('/d/a/../b%20c') // { ok: true, path: '/d/b%20c', decoded: '/d/b c', climbed: true }
 */
export function canonicalForms(raw: unknown): CanonicalForms {
  if (typeof raw !== 'string') return refuse('PATH_INVALID', `path must be a string, got ${describe(raw)}`)
  if (raw.length === 0) return refuse('PATH_INVALID', 'path is empty')
  if (raw.length > MAX_PATH_LENGTH)
    return refuse('PATH_INVALID', `path is longer than ${MAX_PATH_LENGTH} characters`)
  const chars = characterRefusal(raw)
  if (chars !== undefined) return chars
  const decoded = percentDecode(raw)
  if (!decoded.ok) return decoded
  if (decoded.value !== raw) {
    const decodedChars = characterRefusal(decoded.value)
    if (decodedChars !== undefined)
      return { ...decodedChars, reason: `${decodedChars.reason} (after percent-decoding)` }
  }
  const literal = normalize(raw)
  if (!literal.ok) return literal
  if (decoded.value === raw)
    return { ok: true, path: literal.path, decoded: undefined, climbed: literal.climbed }
  // Escapes cannot produce `/` or `.`, so the decoded form has the same segments; it is normalised
  // anyway so that a decoded segment such as `.%20` (`. `) is judged like a literal one.
  const decodedPath = normalize(decoded.value)
  if (!decodedPath.ok) return { ...decodedPath, reason: `${decodedPath.reason} (after percent-decoding)` }
  return { ok: true, path: literal.path, decoded: decodedPath.path, climbed: literal.climbed }
}

function characterRefusal(path: string): Refusal | undefined {
  if (PRINTABLE_ASCII.test(path)) {
    return path.includes('\\')
      ? refuse('PATH_WINDOWS_FORM', 'path contains a backslash (a Windows separator)')
      : undefined
  }
  // NUL truncates the path in C libraries: `/data/public/x%00/../../etc/passwd`, `secret\0.jpg`.
  if (path.includes('\0')) return refuse('PATH_NUL', 'path contains a NUL character')
  if (CONTROL.test(path)) return refuse('PATH_INVALID', 'path contains a control or line-separator character')
  if (LONE_SURROGATE.test(path))
    return refuse('PATH_INVALID', 'path is not well-formed Unicode (lone surrogate)')
  if (path.includes('\\'))
    return refuse('PATH_WINDOWS_FORM', 'path contains a backslash (a Windows separator)')
  const lookAlike = lookAlikeReason(path)
  return lookAlike === undefined ? undefined : refuse('PATH_CONFUSABLE', lookAlike)
}

type Normalized = { readonly ok: true; readonly path: string; readonly climbed: boolean } | Refusal

function normalize(path: string): Normalized {
  if (DRIVE.test(path)) return refuse('PATH_WINDOWS_FORM', 'path has a Windows drive letter')
  if (path[0] === '~') return refuse('PATH_NOT_ABSOLUTE', 'path starts with `~` (home-directory expansion)')
  if (path[0] !== '/') return refuse('PATH_NOT_ABSOLUTE', 'path is relative: it must start with `/`')
  // POSIX leaves a leading `//` implementation-defined (Cygwin and Windows read it as a UNC share).
  if (path[1] === '/') return refuse('PATH_WINDOWS_FORM', 'path starts with `//` (a UNC form)')
  if (NTFS_STREAM.test(path)) return refuse('PATH_WINDOWS_FORM', 'path names an NTFS alternate data stream')
  const kept: string[] = []
  let climbed = false
  for (const segment of path.split('/')) {
    if (segment === '' || segment === '.') continue
    if (segment === '..') {
      if (kept.length === 0) return refuse('PATH_TRAVERSAL', 'path climbs above `/` with `..`')
      kept.pop()
      climbed = true
      continue
    }
    // Windows trims trailing dots and spaces (`.. ` is `..` there); IIS once read `...` as `../..`.
    if (DOTS_AND_SPACES.test(segment)) {
      return refuse('PATH_TRAVERSAL', 'path has a segment made only of dots and spaces')
    }
    if (NON_ASCII.test(segment) && /^[. ]*$/.test(segment.replace(STRIPPABLE, ''))) {
      return refuse(
        'PATH_CONFUSABLE',
        'path has a segment that is only dots and spaces under its combining marks',
      )
    }
    if (segment[0] === '~')
      return refuse('PATH_NOT_ABSOLUTE', 'path has a segment starting with `~` (home-directory expansion)')
    if (segment.length > MAX_SEGMENT_LENGTH) {
      return refuse('PATH_INVALID', `path has a segment longer than ${MAX_SEGMENT_LENGTH} characters`)
    }
    kept.push(segment)
  }
  return { ok: true, path: `/${kept.join('/')}`, climbed }
}

function refuse(code: string, reason: string): Refusal {
  return { ok: false, code, reason }
}

function describe(value: unknown): string {
  return value === null ? 'null' : typeof value
}
