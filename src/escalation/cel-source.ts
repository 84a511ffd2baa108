/**
 * The seed writes its conditions in JavaScript style (`data.classification === "confidential"`); CEL spells
 * equality `==` and `!=`. Rewrites `===`/`!==` outside string literals, leaving everything else to CEL.
 */
export function toCelSource(condition: string): string {
  let out = ''
  let quote: string | undefined
  for (let i = 0; i < condition.length; i++) {
    const ch = condition[i] as string
    if (quote !== undefined) {
      out += ch
      if (ch === '\\') {
        out += condition[i + 1] ?? ''
        i++
      } else if (ch === quote) quote = undefined
      continue
    }
    if (ch === '"' || ch === "'") {
      quote = ch
      out += ch
      continue
    }
    if ((ch === '=' || ch === '!') && condition.startsWith('==', i + 1)) {
      out += `${ch}=`
      i += 2
      continue
    }
    out += ch
  }
  return out
}
