import { charClasses, isPlaceholder, shannonEntropy } from '../placeholder.js'

// Values that fill a credential slot without being one: literals, types, prompts, defaults.
const STOP_WORDS = new Set(
  'null none nil true false undefined empty required optional string str int number text password passwd pass pwd secret token key apikey api_key value changeme default test testing foo bar baz admin user username root guest hidden masked n/a na tbd unknown bearer basic'.split(
    ' ',
  ),
)

/** Kind of credential an assignment's name announces. */
export type AssignmentKind = 'PASSWORD' | 'API_KEY' | 'TOKEN' | 'SECRET' | 'AWS_SECRET_KEY'

/**
 * True when `value`, assigned to a credential-named key, looks like a real credential: not a stop-word,
 * placeholder or reference to somewhere else (`$VAR`, `${x}`, `os.environ[...]`, `getenv(...)`), and
 * random enough for its kind (passwords: mixed character classes; keys and tokens: entropy).
 */
export function plausibleCredential(value: string, kind: AssignmentKind): boolean {
  const v = value.trim()
  if (v.length < 4 || v.length > 512) return false
  if (STOP_WORDS.has(v.toLowerCase())) return false
  if (/^(?:\$|%\(|%s|\{|<|@|&|\[|\()/.test(v)) return false
  if (/^[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*(?:\(|\[)/.test(v)) return false
  if (/^[A-Za-z_]+(?:\.[A-Za-z_]+)+$/.test(v)) return false
  // Numeric literals, openssl passphrase sources (file:, env:, fd:), snake_case identifiers.
  if (/^0x[0-9a-f]+$/i.test(v) || /^(?:file|env|fd|stdin):/i.test(v)) return false
  if (kind !== 'PASSWORD' && (/^[a-z]+(?:_[a-z0-9]+)+$/.test(v) || /^[^@\s]+@[\w-]+\.[\w.-]+$/.test(v)))
    return false
  if (/^(?:https?|file):\/\//i.test(v)) return false
  if (/^[A-Z][A-Z0-9_]+$/.test(v) && v.includes('_')) return false
  // Every test above and this one only reject; the placeholder test is the dearest, so it runs last.
  if (isPlaceholder(v, kind === 'PASSWORD' ? 8 : 6)) return false
  const classes = charClasses(v)
  if (kind === 'PASSWORD') {
    if (v.length < 6 && classes < 3) return false
    return classes >= 2 || (v.length >= 10 && shannonEntropy(v) >= 3)
  }
  if (v.length < 8) return false
  if (/^\d+$/.test(v) && v.length < 16) return false
  return classes >= 2 && shannonEntropy(v) >= 2.8
}
