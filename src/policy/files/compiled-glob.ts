import picomatch from 'picomatch'
import { canonicalizePolicyPath } from './canonical-path.js'
import { compileSegmentGlob, type SegmentMatcher, splitSegments } from './segment-glob.js'

/** One granted glob, compiled once at configuration load. */
export interface CompiledGlob {
  readonly glob: string
  /** The literal directory before the first wildcard (`/data/public` for `/data/public/**`). */
  readonly base: string
  /** True when `path` (canonical) is a file or directory inside the glob; the glob's own root is not. */
  readonly grants: (path: string) => boolean
  /** True when every entry of directory `dir` (canonical) is granted, so listing it reveals nothing more. */
  readonly lists: (dir: string) => boolean
}

const ESCAPE = /%[0-9A-Fa-f]{2}/
// `..` as a whole segment or as one alternative of a brace or extglob (`{a,..}`, `@(..|x)`).
const DOT_DOT = /(?:^|[/{,(|])\.\.(?:$|[/},)|])/

/**
 * Compiles a glob from `files.read|write|delete`, or says why it is refused: it must be an absolute,
 * canonical POSIX path (what canonicalizePolicyPath returns unchanged) without `..` or percent-escapes.
 *
 * @example compileGlob('/data/public/**') // { ok: true, glob: { base: '/data/public', ... } }
 */
export function compileGlob(glob: unknown): { ok: true; glob: CompiledGlob } | { ok: false; why: string } {
  if (typeof glob !== 'string' || glob.length === 0)
    return { ok: false, why: 'a glob must be a non-empty string' }
  if (DOT_DOT.test(glob)) return { ok: false, why: `glob ${JSON.stringify(glob)} contains \`..\`` }
  if (ESCAPE.test(glob)) {
    return {
      ok: false,
      why: `glob ${JSON.stringify(glob)} contains a percent-escape; write the character itself`,
    }
  }
  const canonical = canonicalizePolicyPath(glob)
  if (!canonical.ok)
    return { ok: false, why: `glob ${JSON.stringify(glob)}: ${canonical.reason} (${canonical.code})` }
  if (canonical.path !== glob) {
    return {
      ok: false,
      why: `glob ${JSON.stringify(glob)} is not canonical; write ${JSON.stringify(canonical.path)}`,
    }
  }
  const whole = compileSegmentGlob(glob)
  if (!whole.ok) return { ok: false, why: `glob ${JSON.stringify(glob)}: ${whole.why}` }
  const match = whole.match
  // `/dir/**` also matches `/dir` itself: the folder granted is not a file inside it, so it cannot be
  // read, overwritten or deleted through this glob; it can be listed. `/dir/*` lists `dir` only.
  let root: SegmentMatcher = () => false
  let lists: SegmentMatcher = () => false
  if (glob.endsWith('/**') || glob.endsWith('/*')) {
    const prefix = compileSegmentGlob(glob.slice(0, glob.lastIndexOf('/')) || '/')
    if (!prefix.ok) return { ok: false, why: `glob ${JSON.stringify(glob)}: ${prefix.why}` }
    const parent = prefix.match
    if (glob.endsWith('/**')) {
      root = parent
      lists = (segments) => match(segments) || parent(segments)
    } else {
      lists = parent
    }
  }
  const scanned = picomatch.scan(glob).base
  const base = scanned === '' ? '/' : scanned
  // Cheap rejection before any pattern runs: a path outside the literal base cannot match.
  const inside = base === '/' ? `/` : `${base}/`
  const under = base === '/' ? () => true : (path: string) => path === base || path.startsWith(inside)
  // The common grant, a literal folder and `/**`: canonical paths have no `.` or `..` segments, so the
  // prefix test is the whole decision.
  if (glob === `${base === '/' ? '' : base}/**`) {
    return {
      ok: true,
      glob: {
        glob,
        base,
        grants: (path) => path.length > inside.length && path.startsWith(inside),
        lists: under,
      },
    }
  }
  return {
    ok: true,
    glob: {
      glob,
      base,
      grants: (path) => {
        if (!under(path)) return false
        const segments = splitSegments(path)
        return match(segments) && !root(segments)
      },
      lists: (dir) => under(dir) && lists(splitSegments(dir)),
    },
  }
}
