import { posix } from 'node:path'

// A deliberately paranoid, independent model of what the layers between an agent and a disk might do to
// a path after Warden checked it: percent-decode (leniently, overlong UTF-8 included, %uXXXX too), fold
// Unicode (NFKC and confusables), treat `\` as a separator, drop invisible characters, truncate at NUL,
// trim trailing dots and spaces like Windows. Tests use it as an oracle: an allowed path must stay inside
// its grant under every form this produces. (`.case.ts`: test support, not shipped.)

const OVERLONG: Readonly<Record<string, string>> = {
  c0af: '/',
  c0ae: '.',
  c19c: '\\',
  e080af: '/',
  e080ae: '.',
  f08080af: '/',
}
const LOOKALIKES: Readonly<Record<string, string>> = {
  '\u2215': '/',
  '\u2044': '/',
  '\u29f8': '/',
  '\u2571': '/',
  '\u27cb': '/',
  '\u1735': '/',
  '\u2041': '/',
  '\u2216': '\\',
  '\u29f5': '\\',
  '\u29f9': '\\',
  '\u2572': '\\',
  '\u27cd': '\\',
  '\u0701': '.',
  '\u0702': '.',
  '\ua4f8': '.',
  '\ua60e': '.',
}

function lenientDecode(text: string): string {
  const unicode = text.replace(/%u([0-9A-Fa-f]{4})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  )
  return unicode.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    let out = ''
    let hex = run.replaceAll('%', '').toLowerCase()
    while (hex.length > 0) {
      const overlong = Object.keys(OVERLONG).find((k) => hex.startsWith(k))
      if (overlong !== undefined) {
        out += OVERLONG[overlong]
        hex = hex.slice(overlong.length)
        continue
      }
      // Everything else byte by byte, as Latin-1 when it is not valid UTF-8.
      const bytes = Buffer.from(hex, 'hex')
      const utf8 = bytes.toString('utf8')
      out += utf8.includes('\ufffd') ? bytes.toString('latin1') : utf8
      hex = ''
    }
    return out
  })
}

const STEPS: readonly ((text: string) => string)[] = [
  (t) => t.split('\0')[0] ?? '',
  lenientDecode,
  (t) => t.normalize('NFKC'),
  (t) => [...t].map((c) => LOOKALIKES[c] ?? c).join(''),
  (t) => t.replaceAll('\\', '/'),
  (t) => t.replace(/[\p{Cf}\p{M}\u115f\u1160\u3164\uffa0\u2800]/gu, ''),
  // Windows trims trailing dots and spaces; a segment of nothing else is taken as `..` (the worst case).
  (t) =>
    t
      .split('/')
      .map((s) =>
        s === '' || s === '.' || s === '..' ? s : /^[. ]+$/.test(s) ? '..' : s.replace(/[. ]+$/, ''),
      )
      .join('/'),
]

/** Every form of `raw` the paranoid model can reach (raw included), each posix-normalised. */
export function decodedForms(raw: string): string[] {
  const seen = new Set<string>([raw])
  let frontier = [raw]
  for (let round = 0; round < 6 && frontier.length > 0; round++) {
    const next: string[] = []
    for (const form of frontier) {
      let current = form
      for (const step of STEPS) {
        const after = step(current)
        if (!seen.has(after)) {
          seen.add(after)
          next.push(after)
        }
        current = after
      }
    }
    frontier = next
  }
  return [...seen].map((form) => (form.startsWith('/') ? posix.normalize(form) : form))
}

/** True when `form` is strictly inside `base` (or `base` itself when `orEqual`). */
export function isInside(form: string, base: string, orEqual = false): boolean {
  if (orEqual && (form === base || form === `${base}/`)) return true
  return form.startsWith(`${base}/`) && form.length > base.length + 1
}
