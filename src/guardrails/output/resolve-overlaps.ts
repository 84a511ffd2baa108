import type { Finding } from '../finding.js'

/**
 * Keeps a set of non-overlapping findings: secrets before PII (a key that happens to contain digits is
 * a key), then the higher score, then the longer span. Returns them sorted by start.
 *
 * Findings are first cut into clusters of transitively overlapping spans (one sweep by start); the
 * greedy choice runs inside each cluster, so the work stays near-linear even for thousands of findings.
 */
export function resolveOverlaps(findings: readonly Finding[]): Finding[] {
  const byStart = findings.filter((f) => f.end > f.start).sort((a, b) => a.start - b.start || b.end - a.end)
  const kept: Finding[] = []
  let cluster: Finding[] = []
  let clusterEnd = -1
  for (const f of byStart) {
    if (f.start >= clusterEnd && cluster.length > 0) {
      pick(cluster, kept)
      cluster = []
    }
    cluster.push(f)
    clusterEnd = cluster.length === 1 ? f.end : Math.max(clusterEnd, f.end)
  }
  if (cluster.length > 0) pick(cluster, kept)
  return kept
}

function pick(cluster: Finding[], kept: Finding[]): void {
  if (cluster.length === 1) {
    kept.push(cluster[0]!)
    return
  }
  const ranked = [...cluster].sort(
    (a, b) =>
      rank(b) - rank(a) || b.score - a.score || b.end - b.start - (a.end - a.start) || a.start - b.start,
  )
  const chosen: Finding[] = []
  for (const f of ranked) if (!chosen.some((k) => k.start < f.end && f.start < k.end)) chosen.push(f)
  chosen.sort((a, b) => a.start - b.start)
  kept.push(...chosen)
}

function rank(f: Finding): number {
  return f.type === 'secret' ? 1 : 0
}
