/** A path with its percent-escapes decoded, or why the encoding is refused. */
export type PercentDecoded =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly code: 'PATH_ENCODED' | 'PATH_NUL'; readonly reason: string }

const ESCAPE = /%[0-9A-Fa-f]{2}/
const ESCAPE_RUN = /(?:%[0-9A-Fa-f]{2})+/g
// IIS-style `%u002e`: no file name needs it, and some servers decode it.
const UNICODE_ESCAPE = /%u[0-9A-Fa-f]{4}/i
// `fatal` makes overlong forms (%c0%af for `/`, %c0%ae for `.`) and stray bytes throw instead of
// turning into U+FFFD: the overlong `/` is the IIS double-decode traversal of 2001.
const UTF8 = new TextDecoder('utf-8', { fatal: true })

/**
 * Decodes the path's percent-escapes once and decides whether the encoding is harmless. Some layer
 * between the agent and the disk (an upstream MCP server, a URL-based store) may decode what Warden
 * matched literally, so an escape may stand only for an ordinary character (`%20`, `%C3%A9`): never
 * for `/`, `\`, `.`, `:`, `~`, NUL or a control character, which would change the path's structure
 * after the check. Decoding is repeated until stable: if a second round would change the value the
 * path was encoded twice (`%252e`, `%%32%65`), which no file name needs, and it is refused.
 *
 * @example percentDecode('/data/public/report%20v2.txt') // { ok: true, value: '/data/public/report v2.txt' }
 */
export function percentDecode(path: string): PercentDecoded {
  if (!path.includes('%')) return { ok: true, value: path }
  if (UNICODE_ESCAPE.test(path)) return encoded('uses a %u escape')
  const once = decodeRound(path)
  if (!once.ok) return once
  if (ESCAPE.test(once.value) || UNICODE_ESCAPE.test(once.value)) {
    return encoded('is percent-encoded more than once')
  }
  return once
}

function decodeRound(path: string): PercentDecoded {
  let failure: PercentDecoded | undefined
  const value = path.replace(ESCAPE_RUN, (run) => {
    if (failure !== undefined) return run
    const bytes = new Uint8Array(run.length / 3)
    for (let i = 0; i < bytes.length; i++) {
      const byte = Number.parseInt(run.slice(i * 3 + 1, i * 3 + 3), 16)
      const why = forbiddenByte(byte)
      if (why !== undefined) {
        failure = why
        return run
      }
      bytes[i] = byte
    }
    try {
      return UTF8.decode(bytes)
    } catch {
      failure = encoded('has a percent-encoded sequence that is not valid UTF-8 (overlong or truncated)')
      return run
    }
  })
  return failure ?? { ok: true, value }
}

function forbiddenByte(byte: number): PercentDecoded | undefined {
  if (byte === 0) return { ok: false, code: 'PATH_NUL', reason: 'path contains a percent-encoded NUL (%00)' }
  if (byte < 0x20 || byte === 0x7f) return encoded('has a percent-encoded control character')
  switch (byte) {
    case 0x2f:
      return encoded('has a percent-encoded `/`')
    case 0x5c:
      return encoded('has a percent-encoded `\\`')
    case 0x2e:
      return encoded('has a percent-encoded `.`')
    case 0x3a:
      return encoded('has a percent-encoded `:`')
    case 0x7e:
      return encoded('has a percent-encoded `~`')
    default:
      return undefined
  }
}

function encoded(why: string): PercentDecoded {
  return { ok: false, code: 'PATH_ENCODED', reason: `path ${why}` }
}
