import picomatch from 'picomatch'
import { canonicalizePolicyPath } from './canonical-path.js'

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

// `dot`: `**` covers dot files, as an operator granting a folder expects. `nonegate`: a leading `!` would
// turn an allow-list entry into "everything but". Never Windows: policy paths are POSIX.
const OPTIONS: picomatch.PicomatchOptions = {
  dot: true,
  nonegate: true,
  strictBrackets: true,
  windows: false,
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
  let matcher: RegExp
  let root: (path: string) => boolean
  let lists: (dir: string) => boolean
  try {
    matcher = picomatch.makeRe(glob, OPTIONS)
    // `/dir/**` also matches `/dir` itself: the folder granted is not a file inside it, so it cannot be
    // read, overwritten or deleted through this glob; it can be listed.
    if (glob.endsWith('/**')) {
      root = prefixMatcher(glob.slice(0, -3))
      lists = (dir) => matcher.test(dir) || root(dir)
    } else if (glob.endsWith('/*')) {
      const parent = prefixMatcher(glob.slice(0, -2))
      root = () => false
      lists = parent
    } else {
      root = () => false
      lists = () => false
    }
  } catch (error) {
    return { ok: false, why: `glob ${JSON.stringify(glob)} does not compile: ${(error as Error).message}` }
  }
  const base = picomatch.scan(glob).base
  return {
    ok: true,
    glob: {
      glob,
      base: base === '' ? '/' : base,
      grants: (path) => matcher.test(path) && !root(path),
      lists,
    },
  }
}

function prefixMatcher(prefix: string): (path: string) => boolean {
  if (prefix === '') return (path) => path === '/'
  const re = picomatch.makeRe(prefix, OPTIONS)
  return (path) => re.test(path)
}
