import { WardenError } from '../errors/warden-error.js'

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }

/**
 * Milliseconds in a duration such as `500ms`, `30s`, `1m`, `1h` or `1d`; throws CONFIG_INVALID otherwise.
 *
 * @example parseDuration('1h') // 3_600_000
 */
export function parseDuration(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(text)
  const ms = m === null ? Number.NaN : Number(m[1]) * (UNIT_MS[m[2] as string] ?? Number.NaN)
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new WardenError(
      'CONFIG_INVALID',
      `${JSON.stringify(text)} is not a positive duration such as 30s, 1m or 1h`,
    )
  }
  return ms
}
