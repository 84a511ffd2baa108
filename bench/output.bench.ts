import { OutputGuardrails } from '../src/guardrails/output/output-guardrails.js'
import { redact } from '../src/guardrails/output/redact.js'
import { scanSensitive } from '../src/guardrails/output/scan-sensitive.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// Mixed agent output: prose, JSON records, log lines, code and config, with PII and secrets at the
// density of a customer-support or ops transcript (roughly one finding per 400 characters).
const PARTS = [
  'The deployment finished at 14:02 and all 37 checks passed; the staging cluster is healthy again.',
  'Customer Margaret Thompson wrote from margaret.t@example.com asking about invoice 2024-118 and the refund.',
  '{"id": 48213, "name": "Order export", "status": "shipped", "total": 129.95, "currency": "EUR"}',
  '2024-06-01T12:00:03Z INFO request from 203.0.113.54 GET /api/v2/items?page=3 200 18ms',
  'function retry(fn, attempts = 3) { for (let i = 0; i < attempts; i++) { try { return fn() } catch {} } }',
  'Please call the office on +44 20 7946 0958 or write to 14 Rue de Rivoli, Paris before Friday.',
  'DATABASE_URL=postgres://app:Tr0ub4dor-3x@db.internal:5432/prod',
  'We reviewed the quarterly numbers with the finance team and agreed to revisit the forecast in July.',
  'card on file: 4111 1111 1111 1111, billing country Germany, IBAN DE89 3704 0044 0532 0130 00',
  'Traceback (most recent call last): File "app.py", line 42, in handler: KeyError: \'user_id\'',
  'export AWS_ACCESS_KEY_ID=AKIAQ7WADE5R42RDZ4JX',
  'The meeting notes mention version 1.2.3.4 of the client and a regression in the search ranking.',
]

function mixedText(bytes: number): string {
  let out = ''
  for (let i = 0; out.length < bytes; i++) out += `${PARTS[i % PARTS.length]}\n`
  return out.slice(0, bytes)
}

const MB = 1_000_000

// Throughput over the whole run, and at the median call (steadier on a shared machine).
function mbps(row: BenchRow, bytes: number): string {
  const overall = (row.opsPerSec * bytes) / MB
  const median = row.p50Us === undefined ? Number.NaN : bytes / row.p50Us
  return `${overall.toFixed(1)} MB/s overall, ${median.toFixed(1)} MB/s at p50`
}
const repeat = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n)

// The same work timed in CPU time of this process: on a shared machine, wall time also counts the
// time other processes held the core; CPU time is what one core spends on the scan.
function cpuRow(name: string, fn: () => unknown, bytes: number, iterations: number): BenchRow {
  for (let i = 0; i < 3; i++) fn()
  const start = process.cpuUsage()
  for (let i = 0; i < iterations; i++) fn()
  const used = process.cpuUsage(start)
  const seconds = (used.user + used.system) / 1e6
  const opsPerSec = Math.round(iterations / seconds)
  return { name, opsPerSec, note: `${((iterations * bytes) / MB / seconds).toFixed(1)} MB/s per CPU-second` }
}

export const suite: BenchSuite = {
  title: 'Output guardrails: PII and secret scanning (one core)',
  async run() {
    const rows: BenchRow[] = []
    const text = mixedText(MB)
    const scan = await measure('scanSensitive, 1 MB mixed text', () => scanSensitive(text), {
      iterations: 20,
      warmup: 3,
    })
    rows.push({ ...scan, note: mbps(scan, text.length) })
    rows.push(cpuRow('scanSensitive, 1 MB mixed text, CPU time', () => scanSensitive(text), text.length, 20))
    const both = await measure('scanSensitive + redact, 1 MB', () => redact(text, scanSensitive(text)), {
      iterations: 20,
      warmup: 3,
    })
    rows.push({ ...both, note: mbps(both, text.length) })
    const small = mixedText(2_000)
    const short = await measure('scanSensitive, 2 KB message', () => scanSensitive(small), {
      iterations: 5_000,
    })
    rows.push({ ...short, note: mbps(short, small.length) })
    const guard = new OutputGuardrails()
    const result = {
      content: [{ type: 'text', text: mixedText(64_000) }],
      structuredContent: { rows: PARTS },
    }
    rows.push(
      await measure('OutputGuardrails.filter, 64 KB MCP result', () => guard.filter(result), {
        iterations: 200,
      }),
    )
    for (const unit of [
      'a@a.',
      '1 ',
      'password "',
      '-----BEGIN PRIVATE KEY-----\n',
      'New ',
      'A',
      'AKIAQ7WADE5R42RDZ4JX ',
      'Ada: x\nMain Street 4\nTown\n',
    ]) {
      const adversarial = repeat(unit, 100_000)
      const row = await measure(
        `adversarial 100 KB of ${JSON.stringify(unit)}`,
        () => scanSensitive(adversarial),
        {
          iterations: 10,
          warmup: 2,
        },
      )
      rows.push({
        ...row,
        note: `${row.p50Us === undefined ? '' : (row.p50Us / 1000).toFixed(1)} ms per scan`,
      })
    }
    return rows
  },
}
