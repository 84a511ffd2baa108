import { randomUUID } from 'node:crypto'
import { createInterface } from 'node:readline'
import { DEFAULTS } from '../../config/defaults.js'
import { parseAction } from '../../core/parse-action.js'
import type { Evaluation } from '../../core/pipeline.js'
import { createEngine } from '../../engine/engine.js'
import { parseOptions } from '../args.js'
import { loadCliConfig } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'

/**
 * `warden check`: JSON Lines of actions on stdin, evaluated in order as one agent session would make them
 * (rate limits carry from line to line; `time` simulates the clock); one decision line per input line.
 * Exit 0 when every action is allowed, 2 when any is not, 1 when any line is invalid.
 */
export async function checkCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values } = parseOptions(argv, {
    store: { type: 'string' },
    bus: { type: 'string' },
    'no-audit': { type: 'boolean' },
  })
  const engine = await createEngine(loadCliConfig(values, io))
  let invalid = false
  let notAllowed = false
  let lineNo = 0
  const lines = createInterface({ input: io.stdin, crlfDelay: Number.POSITIVE_INFINITY })
  for await (const line of lines) {
    lineNo++
    if (line.trim() === '') continue
    const out = await checkLine(line, lineNo, engine)
    if ('error' in out) invalid = true
    else if (out['decision'] !== 'allow') notAllowed = true
    await write(io.stdout, `${JSON.stringify(out)}\n`)
  }
  if (invalid) return EXIT.failure
  return notAllowed ? EXIT.denied : EXIT.ok
}

type Engine = Awaited<ReturnType<typeof createEngine>>

async function checkLine(line: string, lineNo: number, engine: Engine): Promise<Record<string, unknown>> {
  if (Buffer.byteLength(line) > DEFAULTS.maxActionLineBytes) {
    return failure(undefined, 'INPUT_TOO_LARGE', `line ${lineNo}: larger than ${DEFAULTS.maxActionLineBytes} bytes`)
  }
  let value: unknown
  try {
    value = JSON.parse(line)
  } catch (error) {
    return failure(undefined, 'INVALID_JSON', `line ${lineNo}: ${(error as Error).message}`)
  }
  const rawId = (value as { id?: unknown } | null)?.id
  const parsed = parseAction(value)
  if (!parsed.ok) return failure(typeof rawId === 'string' ? rawId : undefined, parsed.code, `line ${lineNo}: ${parsed.message}`)
  const id = parsed.action.id ?? randomUUID()
  const evaluation = await engine.evaluate({ ...parsed.action, id }, parsed.time)
  return decisionLine(id, evaluation)
}

function decisionLine(id: string, e: Evaluation): Record<string, unknown> {
  const out: Record<string, unknown> = { id, decision: e.decision, risk: e.risk, reasons: e.reasons }
  if (e.rewritten) out['args'] = e.action.args
  return out
}

function failure(id: string | undefined, code: string, message: string): Record<string, unknown> {
  return { id: id ?? randomUUID(), error: { code, message } }
}
