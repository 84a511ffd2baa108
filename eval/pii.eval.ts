import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { scanSensitive } from '../src/guardrails/output/scan-sensitive.js'
import type { EvalRow, EvalSuite } from './run.js'

interface Span {
  readonly entity_type: string
  readonly start_position: number
  readonly end_position: number
}
interface Sample {
  readonly full_text: string
  readonly spans: readonly Span[]
}
interface Gold {
  readonly entity: string
  readonly start: number
  readonly end: number
}

const ENTITIES = [
  'EMAIL_ADDRESS',
  'CREDIT_CARD',
  'US_SSN',
  'IBAN_CODE',
  'IP_ADDRESS',
  'PHONE_NUMBER',
  'DATE_OF_BIRTH',
  'US_DRIVER_LICENSE',
  'PERSON',
  'LOCATION',
] as const
const BIRTH = /born|birth|\bdob\b|birthday/i

/** Presidio counts Unicode code points; JavaScript indexes UTF-16 units. */
function codePointToUtf16(text: string): (cp: number) => number {
  const map: number[] = []
  let u = 0
  for (const ch of text) {
    map.push(u)
    u += ch.length
  }
  map.push(u)
  return (cp) => map[cp] ?? u
}

// Gold DATE_TIME spans preceded by birth words are dates of birth; gold ADDRESS spans are neutral
// ground for LOCATION (a city inside an address is neither right nor wrong here).
function goldOf(sample: Sample): { gold: Gold[]; neutral: Gold[] } {
  const at = codePointToUtf16(sample.full_text)
  const gold: Gold[] = []
  const neutral: Gold[] = []
  for (const s of sample.spans) {
    const g = { entity: s.entity_type, start: at(s.start_position), end: at(s.end_position) }
    if (g.entity === 'DATE_TIME') {
      const before = sample.full_text.slice(Math.max(0, g.start - 48), g.start)
      gold.push({ ...g, entity: BIRTH.test(before) ? 'DATE_OF_BIRTH' : 'DATE_TIME' })
    } else if (g.entity === 'ADDRESS') neutral.push({ ...g, entity: 'LOCATION' })
    else gold.push(g)
  }
  return { gold, neutral }
}

function iou(a: { start: number; end: number }, b: { start: number; end: number }): number {
  const inter = Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start))
  return inter / (Math.max(a.end, b.end) - Math.min(a.start, b.start))
}

/** Presidio's synthetic sentences: spans count as matched at IoU >= 0.5 with the same entity. */
export const suite: EvalSuite = {
  title: 'PII recognisers on presidio-generated-large (span level, IoU >= 0.5)',
  async run(evalDir) {
    const samples = JSON.parse(
      readFileSync(join(evalDir, 'pii', 'presidio-generated-large.json'), 'utf8'),
    ) as Sample[]
    const counts = new Map<string, { tp: number; fp: number; fn: number; tn: number }>()
    for (const e of ENTITIES) counts.set(e, { tp: 0, fp: 0, fn: 0, tn: 0 })
    // One pass to warm the regex engine, a second one timed: the throughput is the steady state.
    const predictions = samples.map((s) => scanSensitive(s.full_text).filter((f) => f.type === 'pii'))
    let chars = 0
    const t0 = process.hrtime.bigint()
    for (const s of samples) {
      chars += s.full_text.length
      scanSensitive(s.full_text)
    }
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    samples.forEach((sample, i) => {
      const { gold, neutral } = goldOf(sample)
      for (const e of ENTITIES) {
        const c = counts.get(e)!
        const g = gold.filter((x) => x.entity === e)
        const p = (predictions[i] ?? []).filter((x) => x.entity === e)
        const used = new Set<number>()
        for (const pred of p) {
          const hit = g.findIndex((x, k) => !used.has(k) && iou(x, pred) >= 0.5)
          if (hit >= 0) {
            used.add(hit)
            c.tp++
          } else if (!neutral.some((x) => x.entity === e && pred.start >= x.start && pred.end <= x.end))
            c.fp++
        }
        c.fn += g.length - used.size
        if (g.length === 0 && p.length === 0) c.tn++
      }
    })
    const rows: EvalRow[] = ENTITIES.map((e) => ({ set: e, ...counts.get(e)! }))
    const mbps = chars / 1e6 / seconds
    return [
      ...rows,
      {
        set: 'throughput',
        tp: 0,
        fp: 0,
        fn: 0,
        tn: 0,
        note: `${samples.length} short texts (avg ${Math.round(chars / samples.length)} chars), ${mbps.toFixed(1)} MB/s, ${((seconds * 1e6) / samples.length).toFixed(0)} µs per text`,
      },
    ]
  },
}
