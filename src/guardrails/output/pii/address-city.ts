import type { Finding } from '../../finding.js'
import { piiFinding } from '../recognizer.js'

// The lines of a postal address block, in the international layout: a street or unit line, then the
// town on a line of its own, then "<country> <postcode>". The town is the one line a gazetteer cannot
// know (villages, suburbs, all-caps spellings); its neighbours say what it is.
const UNIT_OR_STREET =
  /^\W{0,4}(?:(?:suite|apt\.?|apartment|unit|flat|floor|p\.?\s?o\.?\s?box)\s*\d|\d{1,5}\s+\p{L})/iu
const TOWN = /^(\W{0,4})(\p{L}[\p{L}'’.-]*(?: \p{L}[\p{L}'’.-]*){0,3})\s*$/u
const COUNTRY_POSTCODE = /^\W{0,4}\p{L}[\p{L} .'-]{1,40} [A-Z0-9]{0,3}[- ]?\d{3,6}\W*$/u
const MAX_LINES = 20_000

/**
 * LOCATION: the town line of a postal address block (between a street or unit line and a
 * "country postcode" line, blank lines allowed). Lines are found with indexOf; only lines of 60
 * characters or fewer are sliced, and each is read by anchored, bounded regexes.
 */
export function addressTowns(text: string): Finding[] {
  const out: Finding[] = []
  if (!text.includes('\n')) return out
  // Line bounds from indexOf; only short lines are sliced and read (most lines of long text are not).
  const starts: number[] = [0]
  for (let nl = text.indexOf('\n'); nl !== -1 && starts.length < MAX_LINES; nl = text.indexOf('\n', nl + 1))
    starts.push(nl + 1)
  const lineAt = (k: number) => {
    const end = k + 1 < starts.length ? starts[k + 1]! - 1 : text.length
    return end - starts[k]! > 60 ? undefined : text.slice(starts[k], end)
  }
  const blank = (k: number) => {
    const l = lineAt(k)
    return l !== undefined && l.trim() === ''
  }
  for (let i = 1; i + 1 < starts.length; i++) {
    const line = lineAt(i)
    if (line === undefined || /\d/.test(line)) continue
    const town = TOWN.exec(line)
    if (town === null) continue
    let p = i - 1
    while (p > 0 && blank(p)) p--
    let n = i + 1
    while (n + 1 < starts.length && blank(n)) n++
    const before = lineAt(p)
    const after = lineAt(n)
    if (before === undefined || after === undefined) continue
    if (!UNIT_OR_STREET.test(before) || !COUNTRY_POSTCODE.test(after)) continue
    const start = starts[i]! + town[1]!.length
    out.push(piiFinding('LOCATION', start, start + town[2]!.length, 0.6))
  }
  return out
}
