import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import type { Readable } from 'node:stream'
import { withConfigLocation } from '../../config/load.js'
import { inputGuardrailsFrom } from '../../engine/input-stage-config.js'
import { WardenError } from '../../errors/warden-error.js'
import type { Classification, Finding } from '../../guardrails/finding.js'
import { scoreInjection } from '../../guardrails/input/injection.js'
import type { InputGuardrails } from '../../guardrails/input/input-guardrails.js'
import { classifyFindings } from '../../guardrails/output/classify.js'
import { redact } from '../../guardrails/output/redact.js'
import { scanSensitive } from '../../guardrails/output/scan-sensitive.js'
import { parseOptions } from '../args.js'
import { loadCliConfig } from '../config-option.js'
import { type CliIO, type Command, EXIT, write } from '../io.js'

/** Most of stdin read in whole-text mode; the rest is drained and the item flagged as oversize. */
export const SCAN_MAX_STDIN_BYTES = 8 * 1024 * 1024
/** Longest accepted `--jsonl` line. */
export const SCAN_MAX_LINE_BYTES = 1024 * 1024

type Direction = 'input' | 'output'

/**
 * `warden scan [--config FILE] [--direction input|output] [--jsonl]`: scans text from stdin (the whole of
 * it, or one `{"id","text"}` JSON object per line) and prints one line per item:
 * `{"id","verdict","injection":{"score","detected"},"findings":[...],"redacted","classification"}`.
 * `input` runs the InputGuardrails the config's `guardrails.input` builds for the gateway (the text is a
 * prompt); `output` scores the text as tool-sourced data and redacts what it holds (warden.yaml has no
 * output guardrail settings yet, so nothing of the config applies there). Exit 0, or 2 when an item is
 * blocked, or 1 when a line was invalid or the config cannot be loaded.
 */
export const scanCommand: Command = async (argv: readonly string[], io: CliIO): Promise<number> => {
  const { values } = parseOptions(argv, { direction: { type: 'string' }, jsonl: { type: 'boolean' } })
  const direction = values.direction ?? 'input'
  if (direction !== 'input' && direction !== 'output') {
    throw new WardenError('USAGE', `--direction must be input or output, not ${direction}`)
  }
  // Loaded and checked whatever the direction: a config the gateway would refuse is an error here too.
  const loaded = loadCliConfig(values, io)
  const guard = withConfigLocation(loaded, () => inputGuardrailsFrom(loaded.config.guardrails.input))
  const scan = (id: string, text: string) => scanItem(id, text, direction, guard)
  if (values.jsonl !== true) {
    const { text, truncated } = await readBounded(io.stdin, SCAN_MAX_STDIN_BYTES)
    const out = scan(randomUUID(), text)
    if (truncated) markOversize(out, text.length)
    await write(io.stdout, `${JSON.stringify(out)}\n`)
    return out['verdict'] === 'block' ? EXIT.denied : EXIT.ok
  }
  let invalid = false
  let blocked = false
  let lineNo = 0
  for await (const line of createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNo++
    if (line.trim() === '') continue
    const out = scanLine(line, lineNo, scan)
    if ('error' in out) invalid = true
    else if (out['verdict'] === 'block') blocked = true
    await write(io.stdout, `${JSON.stringify(out)}\n`)
  }
  if (invalid) return EXIT.failure
  return blocked ? EXIT.denied : EXIT.ok
}

function scanLine(line: string, lineNo: number, scan: (id: string, text: string) => Record<string, unknown>) {
  if (Buffer.byteLength(line) > SCAN_MAX_LINE_BYTES) {
    return failure(undefined, 'INPUT_TOO_LARGE', `line ${lineNo}: larger than ${SCAN_MAX_LINE_BYTES} bytes`)
  }
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return failure(undefined, 'INVALID_JSON', `line ${lineNo}: ${(error as Error).message}`)
  }
  const item = value as { id?: unknown; text?: unknown } | null
  const id = typeof item?.id === 'string' || typeof item?.id === 'number' ? String(item.id) : undefined
  if (typeof item !== 'object' || item === null || Array.isArray(item) || typeof item.text !== 'string') {
    return failure(id, 'INVALID_SCAN_ITEM', `line ${lineNo}: expected {"id","text"} with a string text`)
  }
  return scan(id ?? randomUUID(), item.text)
}

function scanItem(
  id: string,
  text: string,
  direction: Direction,
  guard: InputGuardrails,
): Record<string, unknown> {
  let verdict: 'pass' | 'flag' | 'block'
  let injection: { score: number; detected: boolean }
  let findings: Finding[]
  let classification: Classification
  if (direction === 'input') {
    const r = guard.validate(text)
    verdict = r.verdict
    injection = { score: r.injection.score, detected: r.injection.detected }
    findings = r.findings
    classification = r.classification
  } else {
    const inj = scoreInjection(text, { source: 'tool' })
    const sensitive = scanSensitive(text)
    verdict = inj.verdict === 'pass' && sensitive.length > 0 ? 'flag' : inj.verdict
    injection = { score: inj.score, detected: inj.detected }
    findings = [...sensitive, ...inj.findings]
    classification = classifyFindings(sensitive)
  }
  const sensitive = findings.filter(
    (f) => f.type === 'pii' || f.type === 'secret' || f.entity === 'UNSCANNED_TEXT',
  )
  return {
    id,
    verdict,
    injection,
    findings: findings.map(publicFinding),
    redacted: redact(text, sensitive),
    classification,
  }
}

function publicFinding(f: Finding): Record<string, unknown> {
  const out: Record<string, unknown> = {
    type: f.type,
    entity: f.entity,
    start: f.start,
    end: f.end,
    score: f.score,
  }
  if (f.kind !== undefined) out['kind'] = f.kind
  return out
}

function markOversize(out: Record<string, unknown>, length: number): void {
  ;(out['findings'] as unknown[]).push({
    type: 'injection',
    entity: 'oversize',
    start: length,
    end: length,
    score: 1,
  })
  if (out['verdict'] === 'pass') out['verdict'] = 'flag'
}

// Reads at most `limit` bytes; the rest is drained (so the writer is not blocked) and dropped.
async function readBounded(stream: Readable, limit: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  let truncated = false
  for await (const chunk of stream) {
    const b = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    if (size >= limit) {
      truncated = true
      continue
    }
    const room = limit - size
    if (b.length > room) truncated = true
    chunks.push(b.length > room ? b.subarray(0, room) : b)
    size += Math.min(room, b.length)
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated }
}

function failure(id: string | undefined, code: string, message: string): Record<string, unknown> {
  return { id: id ?? randomUUID(), error: { code, message } }
}
