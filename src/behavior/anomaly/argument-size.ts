import { ANOMALY_DEFAULTS } from './anomaly-defaults.js'
import type { Detector } from './anomaly-finding.js'

/**
 * Arguments far larger or smaller than this tool's usual ones (log2 bytes, z-score): a query that grew a
 * hundredfold, an email body carrying a whole file.
 */
export const argumentSize: Detector = (p, f, _now, warmup) => {
  const d = ANOMALY_DEFAULTS
  const stat = p.sizes[f.tool]
  if (p.learned < warmup || stat === undefined || stat.n < d.sizeMinSamples) return undefined
  const sd = Math.max(Math.sqrt(stat.var), d.sizeMinSpreadBits)
  const z = Math.abs(f.sizeBits - stat.mean) / sd
  if (z < d.sizeZ) return undefined
  const bytes = Math.round(2 ** f.sizeBits - 1)
  const usual = Math.round(2 ** stat.mean - 1)
  return {
    kind: 'argument_size',
    score: Math.min(0.9, 0.5 + (z - d.sizeZ) * 0.05),
    reason: `${f.tool} arguments of ${bytes} bytes against a usual ${usual} (z ${z.toFixed(1)})`,
  }
}
