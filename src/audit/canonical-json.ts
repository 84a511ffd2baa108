/**
 * Canonical JSON (in the spirit of RFC 8785): object keys sorted by UTF-16 code units, no whitespace,
 * `undefined` members dropped. Two writers that hold the same value produce the same bytes, so the
 * leaf hash of a record does not depend on property order or on which process wrote it.
 *
 * @example
 * canonicalJson({ b: 1, a: [true, null] }) // '{"a":[true,null],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, 0)
}

const MAX_DEPTH = 256

function write(value: unknown, depth: number): string {
  if (depth > MAX_DEPTH) throw new TypeError('canonicalJson: value nested too deeply')
  if (value === null) return 'null'
  switch (typeof value) {
    case 'string':
      return JSON.stringify(value)
    case 'boolean':
      return value ? 'true' : 'false'
    case 'number':
      // NaN and Infinity have no JSON form; writing them as null would hash two different values alike.
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: numbers must be finite')
      // For a finite number JSON's form is Number#toString's (ECMA-262 SerializeJSONProperty), -0 included.
      return String(value)
    case 'bigint':
      return JSON.stringify(value.toString())
    case 'object':
      break
    default:
      throw new TypeError(`canonicalJson: cannot encode a ${typeof value}`)
  }
  if (Array.isArray(value)) {
    let out = '['
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ','
      const item = value[i]
      out += item === undefined || typeof item === 'function' ? 'null' : write(item, depth + 1)
    }
    return `${out}]`
  }
  if (value instanceof Date) return JSON.stringify(value.toISOString())
  const object = value as Record<string, unknown>
  const keys = Object.keys(object)
  if (!isSorted(keys)) keys.sort()
  // Concatenation, not parts.join: this runs several times per audit record and dominated append time.
  let out = '{'
  let first = true
  for (const key of keys) {
    const member = object[key]
    if (member === undefined || typeof member === 'function') continue
    out += `${first ? '' : ','}${encodedKey(key)}:${write(member, depth + 1)}`
    first = false
  }
  return `${out}}`
}

// Warden's records are mostly built with their keys in order already; checking is cheaper than sorting.
function isSorted(keys: readonly string[]): boolean {
  for (let i = 1; i < keys.length; i++) if ((keys[i - 1] as string) > (keys[i] as string)) return false
  return true
}

// The same few dozen keys recur in every record; their JSON forms are kept (bounded: keys also come from
// agents' arguments and tools' results, and must not grow this without end).
const KEY_CACHE_LIMIT = 4_096
const keyCache = new Map<string, string>()

function encodedKey(key: string): string {
  let encoded = keyCache.get(key)
  if (encoded === undefined) {
    encoded = JSON.stringify(key)
    if (keyCache.size < KEY_CACHE_LIMIT) keyCache.set(key, encoded)
  }
  return encoded
}
