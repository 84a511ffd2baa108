import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Finding } from '../src/guardrails/finding.js'
import { scanSensitive } from '../src/guardrails/output/scan-sensitive.js'
import type { EvalRow, EvalSuite } from './run.js'

interface Line {
  readonly file: string
  readonly line_num: number
  readonly line: string
  readonly label: 0 | 1
  readonly findings: readonly { readonly rule: string }[]
}

interface Counts {
  tp: number
  fp: number
  fn: number
  tn: number
}

const SECRETS = ['SECRET'] as const

// Groups of CredSweeper rules reported on their own rows (recall only: negatives have no rule).
function groupOf(rule: string): string {
  if (/PEM|Private Key/i.test(rule)) return 'private keys (PEM, base64 PEM)'
  if (
    /^(?:Password|SQL Password|CMD Password|CURL|Credential|Auth|Token|Secret|Key|API|Salt|Nonce|CMD .*)$/.test(
      rule,
    )
  )
    return 'generic assignments (password=, token:, key:)'
  return 'provider tokens (AWS, GitHub, GitLab, Slack, Stripe, ...)'
}

function add(map: Map<string, Counts>, key: string, field: keyof Counts): void {
  const c = map.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 }
  c[field]++
  map.set(key, c)
}

/**
 * CredSweeper's sample lines, line level. Lines of one file are joined back in order and scanned as a
 * document (a PEM key spans lines); a line counts as detected when a SECRET finding overlaps it.
 * A second pass scans each line alone, as a line-oriented caller would.
 */
export const suite: EvalSuite = {
  title: 'Secret recognisers on credsweeper-lines (line level)',
  async run(evalDir) {
    const lines = readFileSync(join(evalDir, 'secrets', 'credsweeper-lines.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim().length > 0)
      .map((l) => JSON.parse(l) as Line)
    const byFile = new Map<string, Line[]>()
    for (const l of lines) byFile.set(l.file, [...(byFile.get(l.file) ?? []), l])
    const rows = new Map<string, Counts>()
    let chars = 0
    let nanos = 0n
    // Warm the regex engine once so the throughput below is the steady state.
    for (const fileLines of byFile.values())
      scanSensitive(fileLines.map((l) => l.line).join('\n'), { entities: SECRETS })
    for (const fileLines of byFile.values()) {
      fileLines.sort((a, b) => a.line_num - b.line_num)
      const text = fileLines.map((l) => l.line).join('\n')
      chars += text.length
      const t0 = process.hrtime.bigint()
      const found = scanSensitive(text, { entities: SECRETS })
      nanos += process.hrtime.bigint() - t0
      let offset = 0
      for (const l of fileLines) {
        const start = offset
        const end = offset + l.line.length
        offset = end + 1
        const hit = found.some((f: Finding) => f.start < Math.max(end, start + 1) && start < f.end)
        const alone = scanSensitive(l.line, { entities: SECRETS }).length > 0
        const field = (h: boolean): keyof Counts => (l.label === 1 ? (h ? 'tp' : 'fn') : h ? 'fp' : 'tn')
        add(rows, 'all lines, file as document', field(hit))
        add(rows, 'all lines, each line alone', field(alone))
        if (l.label === 1) add(rows, `  ${groupOf(l.findings[0]?.rule ?? '')}`, field(hit))
      }
    }
    const mbps = chars / 1e6 / (Number(nanos) / 1e9)
    const out: EvalRow[] = [...rows.entries()].map(([set, c]) => ({ set, ...c }))
    return [
      ...out,
      {
        set: 'throughput',
        tp: 0,
        fp: 0,
        fn: 0,
        tn: 0,
        note: `${byFile.size} files (${(chars / 1e3).toFixed(0)} KB), ${mbps.toFixed(1)} MB/s`,
      },
    ]
  },
}
