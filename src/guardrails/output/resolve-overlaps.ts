import type { Finding } from '../finding.js'

/**
 * Keeps a set of non-overlapping findings: secrets before PII (a key that happens to contain digits is
 * a key), then the higher score, then the longer span. Returns them sorted by start.
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const ranked = [...findings].sort(
    (a, b) =>
      rank(b) - rank(a) || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  )
  const kept: Finding[] = []
  for (const f of ranked) {
    if (f.end <= f.start) continue
    if (kept.some((k) => k.start < f.end && f.start < k.end)) continue
    kept.push(f)
  }
  return kept.sort((a, b) => a.start - b.start || a.end - b.end)
}

function rank(f: Finding): number {
  return f.type === 'secret' ? 1 : 0
}
