/**
 * A unified-style line diff of two texts (`-` removed, `+` added, ` ` context), for files.write dry-runs.
 * Common head and tail are trimmed first; the middle is an LCS, so the diff is minimal. Past `maxLines`
 * lines in the middle the diff is summarised instead (the dry-run still says how many bytes change).
 *
 * @example textDiff('a\nb\n', 'a\nc\n', 2000) // ' a\n-b\n+c'
 */
export function textDiff(before: string, after: string, maxLines: number, context = 2): string {
  const a = before.split('\n')
  const b = after.split('\n')
  let head = 0
  while (head < a.length && head < b.length && a[head] === b[head]) head++
  let tail = 0
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++
  const midA = a.slice(head, a.length - tail)
  const midB = b.slice(head, b.length - tail)
  if (midA.length === 0 && midB.length === 0) return '(no change)'
  if (midA.length > maxLines || midB.length > maxLines) {
    return `(${midA.length} lines replaced by ${midB.length} lines; too long to show line by line)`
  }
  const lines: string[] = []
  if (head > context) lines.push(`@@ line ${head - context + 1} @@`)
  for (const line of a.slice(Math.max(0, head - context), head)) lines.push(` ${line}`)
  lines.push(...lcsDiff(midA, midB))
  for (const line of a.slice(a.length - tail, a.length - tail + context)) lines.push(` ${line}`)
  return lines.join('\n')
}

function lcsDiff(a: readonly string[], b: readonly string[]): string[] {
  const n = a.length
  const m = b.length
  // table[i][j] = LCS length of a[i..] and b[j..], in one flat array.
  const table = new Uint32Array((n + 1) * (m + 1))
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i * (m + 1) + j] =
        a[i] === b[j]
          ? (table[(i + 1) * (m + 1) + j + 1] ?? 0) + 1
          : Math.max(table[(i + 1) * (m + 1) + j] ?? 0, table[i * (m + 1) + j + 1] ?? 0)
    }
  }
  const out: string[] = []
  let i = 0
  let j = 0
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      out.push(` ${a[i]}`)
      i++
      j++
    } else if (
      i < n &&
      (j === m || (table[(i + 1) * (m + 1) + j] ?? 0) >= (table[i * (m + 1) + j + 1] ?? 0))
    ) {
      out.push(`-${a[i]}`)
      i++
    } else {
      out.push(`+${b[j]}`)
      j++
    }
  }
  return out
}
