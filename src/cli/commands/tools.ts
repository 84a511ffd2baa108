import { WardenError } from '../../errors/warden-error.js'
import { JsonFilePinStore, pinsFileFor } from '../../gateway/pinning/pin-store.js'
import { type PinReview, ToolPins } from '../../gateway/pinning/tool-pins.js'
import { ToolNameMap } from '../../gateway/tool-names.js'
import { openUpstreams, type UpstreamSource } from '../../gateway/upstreams/upstream-source.js'
import { parseOptions } from '../args.js'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'
import { cliActor } from './agents.js'

const USAGE =
  'usage: warden tools list [--format jsonl|table] [--store URL] [--bus URL]\n' +
  '       warden tools accept NAME... [--actor NAME] [--store URL] [--bus URL]\n' +
  '       warden tools accept --all [--actor NAME] [--store URL] [--bus URL]\n' +
  '--bus is checked but unused: gateways see accepted pins by watching pins.json.'

/** What `warden tools list` prints per tool. `poisoned` is a tool not accepted whose description looks poisoned. */
type ShownStatus = 'accepted' | 'new' | 'changed' | 'poisoned'

/**
 * `warden tools list|accept`: connects to the configured upstream MCP servers, shows each tool's pin status
 * (accepted, new, changed, poisoned) with the reasons, and pins definitions on request. `accept --all`
 * skips poisoned tools: each of those must be accepted by name, after reading it.
 */
export async function toolsCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      store: { type: 'string' },
      bus: { type: 'string' },
      all: { type: 'boolean' },
      actor: { type: 'string' },
      format: { type: 'string' },
    },
    true,
  )
  const [verb, ...names] = positionals
  const format = values.format ?? 'jsonl'
  if (format !== 'jsonl' && format !== 'table')
    throw new WardenError('USAGE', `--format is jsonl or table\n${USAGE}`)
  const listing = verb === 'list' && names.length === 0 && values.all !== true
  const accepting = verb === 'accept' && names.length > 0 !== (values.all === true)
  if (!listing && !accepting) throw new WardenError('USAGE', USAGE)
  const loaded = loadCliConfig(values, io)
  busUrlOf(values, loaded)
  const pins = await ToolPins.open(new JsonFilePinStore(pinsFileFor(storeUrlOf(values, loaded), io.cwd)), {
    autoAcceptFirstSeen: false,
    log: () => {},
  })
  const say = (line: string) => write(io.stderr, `${line}\n`)
  const sources = await openUpstreams(loaded.config.upstreams, { cwd: io.cwd, env: io.env, log: () => {} })
  try {
    let failed = false
    for (const source of sources) {
      const status = source.status()
      if (status.state === 'up') continue
      failed = true
      await say(`upstream ${source.name} is unavailable: ${status.lastError ?? status.state}`)
    }
    const defs = sources.flatMap((s) => s.tools())
    if (listing) {
      for (const review of defs.map((d) => pins.review(d))) await show(io, review, format)
      failed =
        (await collisions(
          defs.map((d) => d.name),
          say,
        )) || failed
      return failed ? EXIT.failure : EXIT.ok
    }
    const wanted = values.all === true ? undefined : names
    const nameMap = safeNameMap(defs.map((d) => d.name))
    const actor = values.actor ?? cliActor(io)
    for (const name of wanted ?? []) {
      const canonical = defs.some((d) => d.name === name) ? name : nameMap?.toCanonical(name)
      const def = defs.find((d) => d.name === canonical)
      if (def === undefined) {
        await say(`no upstream offers a tool named ${name} (see \`warden tools list\`)`)
        failed = true
        continue
      }
      const review = pins.review(def)
      if (review.scan.poisoned)
        await say(`warning: ${def.name} looks poisoned: ${review.scan.reasons.join('; ')}`)
      await pins.accept(def.name, def, actor)
      await show(io, pins.review(def), format)
    }
    if (wanted === undefined) {
      for (const review of defs.map((d) => pins.review(d))) {
        if (review.status === 'accepted') continue
        if (review.scan.poisoned) {
          await say(
            `skipped ${review.name}: it looks poisoned (${review.scan.reasons.join('; ')}); accept it by name after review`,
          )
          continue
        }
        await pins.accept(review.name, review.definition, actor)
        await show(io, pins.review(review.definition), format)
      }
    }
    return failed ? EXIT.failure : EXIT.ok
  } finally {
    await closeAll(sources)
  }
}

function shownStatus(review: PinReview): ShownStatus {
  return review.status !== 'accepted' && review.scan.poisoned ? 'poisoned' : review.status
}

async function show(io: CliIO, review: PinReview, format: 'jsonl' | 'table'): Promise<void> {
  const status = shownStatus(review)
  const line = {
    tool: review.name,
    status,
    hash: review.hash,
    ...(review.pin === undefined
      ? {}
      : { acceptedBy: review.pin.acceptedBy, acceptedAt: review.pin.acceptedAt }),
    ...(review.status === 'changed' ? { changed: changedParts(review) } : {}),
    ...(review.scan.reasons.length === 0
      ? {}
      : { poisoning: { score: review.scan.score, reasons: review.scan.reasons } }),
  }
  if (format === 'jsonl') {
    await write(io.stdout, `${JSON.stringify(line)}\n`)
    return
  }
  const notes = [
    ...(review.status === 'changed' ? [`changed: ${changedParts(review).join(', ')}`] : []),
    ...review.scan.reasons,
  ].join('; ')
  await write(
    io.stdout,
    `${status.padEnd(9)} ${review.name.padEnd(40)} ${review.hash.slice(0, 19)}  ${notes}\n`,
  )
}

/** Which parts of a changed definition differ from the accepted one (when the pin kept it). */
function changedParts(review: PinReview): string[] {
  const before = review.pin?.definition as Record<string, unknown> | undefined
  if (before === undefined) return ['definition']
  const now = review.definition as unknown as Record<string, unknown>
  const keys = ['title', 'description', 'inputSchema', 'outputSchema', 'annotations']
  return keys.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(now[k]))
}

async function collisions(names: string[], say: (line: string) => Promise<void>): Promise<boolean> {
  try {
    ToolNameMap.build(names)
    return false
  } catch (error) {
    await say(`${(error as WardenError).code ?? 'ERROR'}: ${(error as Error).message}`)
    return true
  }
}

function safeNameMap(names: string[]): ToolNameMap | undefined {
  try {
    return ToolNameMap.build(names)
  } catch {
    return undefined
  }
}

async function closeAll(sources: readonly UpstreamSource[]): Promise<void> {
  await Promise.all(sources.map((s) => s.close().catch(() => undefined)))
}
