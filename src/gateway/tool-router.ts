import { WardenError } from '../errors/warden-error.js'
import { clashMessage, ToolNameMap, wireClashes } from './tool-names.js'
import type { ToolDefinition, ToolSource } from './tool-source.js'

interface Entry {
  readonly source: ToolSource
  readonly definition: ToolDefinition
}

/**
 * Which source runs which canonical tool name, and the definition each call is judged by (the pin stage reads
 * it). Built from the sources' current lists. Two tools with one name, or with names that would meet as MCP
 * wire names (`a.b` and `a_b`), are refused at start; when a list changes later, such tools are left out
 * (unreachable, logged) until the clash is gone, and the rest of the index is rebuilt all the same: an index
 * kept from before would judge calls by definitions a source no longer serves.
 */
export class ToolRouter {
  private readonly listeners = new Set<() => void>()
  private byName: ReadonlyMap<string, Entry>
  private wireNames: ToolNameMap
  private readonly log: (line: string) => void

  /** Throws TOOL_NAME_COLLISION when two tools share a name or would share a wire name. */
  constructor(
    private readonly sources: readonly ToolSource[],
    log?: (line: string) => void,
  ) {
    this.log = log ?? ((line) => process.stderr.write(`warden: ${line}\n`))
    const index = buildIndex(sources, 'refuse')
    this.byName = index.byName
    this.wireNames = index.wireNames
  }

  /** Every tool of every source, as listed now. */
  definitions(): ToolDefinition[] {
    return this.sources.flatMap((s) => s.tools())
  }

  definition(tool: string): ToolDefinition | undefined {
    return this.byName.get(tool)?.definition
  }

  /** The canonical name of an offered tool, given its canonical or MCP wire name (`files_read`). */
  canonical(name: string): string | undefined {
    if (this.byName.has(name)) return name
    return this.wireNames.toCanonical(name)
  }

  /** The canonical name of an offered tool's MCP wire name only (`files_read` → `files.read`). */
  fromWire(wireName: string): string | undefined {
    return this.wireNames.toCanonical(wireName)
  }

  route(tool: string): ToolSource | undefined {
    return this.byName.get(tool)?.source
  }

  onChanged(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /**
   * Re-reads the sources' lists (an upstream announced a change, a pin was accepted) and tells listeners
   * (transports sending notifications/tools/list_changed). Never keeps the previous index: clashing tools
   * are dropped from the new one and logged.
   */
  changed(): void {
    const index = buildIndex(this.sources, 'drop')
    for (const name of index.dropped) this.log(`tool ${name} left out: its name clashes with another tool's`)
    this.byName = index.byName
    this.wireNames = index.wireNames
    for (const listener of this.listeners) listener()
  }
}

/** The name and wire-name indexes of `sources`; clashing tools throw (`refuse`) or are left out (`drop`). */
function buildIndex(
  sources: readonly ToolSource[],
  clash: 'refuse' | 'drop',
): { byName: Map<string, Entry>; wireNames: ToolNameMap; dropped: string[] } {
  const all: Entry[] = sources.flatMap((source) =>
    source.tools().map((definition) => ({ source, definition })),
  )
  const dropped = new Set<string>()
  const refuse = (message: string) => {
    if (clash === 'refuse') throw new WardenError('TOOL_NAME_COLLISION', message)
  }
  const byName = new Map<string, Entry>()
  for (const entry of all) {
    const name = entry.definition.name
    const other = byName.get(name)
    if (other !== undefined) {
      refuse(`${name} is offered by both ${other.source.name} and ${entry.source.name}`)
      dropped.add(name)
    } else byName.set(name, entry)
  }
  for (const [wire, names] of wireClashes(byName.keys())) {
    refuse(clashMessage(wire, names[0] as string, names[1] as string))
    for (const name of names) dropped.add(name)
  }
  for (const name of dropped) byName.delete(name)
  return { byName, wireNames: ToolNameMap.build([...byName.keys()]), dropped: [...dropped] }
}
