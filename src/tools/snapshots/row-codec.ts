/** A column value in a JSON manifest: plain JSON, or tagged where JSON would lose bytes or precision. */
export type EncodedValue =
  | string
  | number
  | boolean
  | null
  | { readonly $bigint: string }
  | { readonly $bytes: string }

/** One row's values, in column order. */
export type EncodedRow = readonly EncodedValue[]

/**
 * Encodes one row's values so that decodeValue gives back the same bytes: 64-bit integers as decimal
 * text (a JSON number would round past 2^53), blobs as base64. Doubles round-trip through JSON exactly.
 */
export function encodeValue(value: unknown): EncodedValue {
  if (value === null || value === undefined) return null
  if (typeof value === 'bigint') return { $bigint: value.toString() }
  if (value instanceof Uint8Array) return { $bytes: Buffer.from(value).toString('base64') }
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value
  if (value instanceof Date) return value.toISOString()
  return JSON.stringify(value)
}

/** The value encodeValue was given (bigint and Buffer where they were tagged). */
export function decodeValue(value: EncodedValue): unknown {
  if (value === null || typeof value !== 'object') return value
  if ('$bigint' in value) return BigInt(value.$bigint)
  return Buffer.from(value.$bytes, 'base64')
}
