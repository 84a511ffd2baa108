/**
 * The fewest characters any match of a regex source can have: literals, escapes and classes count one,
 * quantifiers multiply by their minimum (`?`, `*`, `{0,n}` give zero), alternatives take the shortest
 * branch, and anchors, `\b` and lookarounds count nothing. A rule whose shortest match is longer than
 * the text in hand cannot match it, so the scan skips the rule without running it.
 *
 * @example
 * minMatchLength('sk-(?:proj|svcacct)-[A-Za-z0-9_-]{40,}') // 48
 */
export function minMatchLength(source: string): number {
  return parse(source, 0).min
}

// Parses alternatives until ')' or the end; returns the shortest branch and where parsing stopped.
function parse(src: string, from: number): { min: number; end: number } {
  let best = Number.POSITIVE_INFINITY
  let branch = 0
  let i = from
  while (i < src.length && src[i] !== ')') {
    if (src[i] === '|') {
      best = Math.min(best, branch)
      branch = 0
      i++
      continue
    }
    let atom: number
    const c = src[i]!
    if (c === '\\') {
      atom = /[bB]/.test(src[i + 1] ?? '') ? 0 : 1
      i += src[i + 1] === 'u' ? 6 : src[i + 1] === 'x' ? 4 : 2
    } else if (c === '[') {
      i++
      if (src[i] === '^') i++
      if (src[i] === ']') i++
      while (i < src.length && src[i] !== ']') i += src[i] === '\\' ? 2 : 1
      i++
      atom = 1
    } else if (c === '(') {
      const look = /^\(\?<?[=!]/.test(src.slice(i, i + 4))
      const open = src.startsWith('(?:', i) ? 3 : look ? (src[i + 2] === '<' ? 4 : 3) : 1
      const inner = parse(src, i + open)
      i = inner.end + 1
      atom = look ? 0 : inner.min
    } else {
      atom = c === '^' || c === '$' ? 0 : 1
      i++
    }
    // Quantifier.
    const q = src[i]
    if (q === '?' || q === '*') {
      atom = 0
      i++
    } else if (q === '+') i++
    else if (q === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(src.slice(i))
      if (m !== null) {
        atom *= Number(m[1])
        i += m[0].length
      }
    }
    if (src[i] === '?' && q !== undefined && '?*+{'.includes(q)) i++
    branch += atom
  }
  return { min: Math.min(best, branch), end: i }
}
