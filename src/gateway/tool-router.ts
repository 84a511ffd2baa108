import { WardenError } from '../errors/warden-error.js'
import { ToolNameMap } from './tool-names.js'
import type { ToolDefinition, ToolSource } from './tool-source.js'

/**
 * Which source runs which canonical tool name. Built from the sources' current lists; a name offered by two
 * sources is refused (the second would silently shadow the first).
 */
export class ToolRouter {
  private readonly listeners = new Set<() => void>()
  private byName: Map<string, { source: ToolSource; definition: ToolDefinition }>
  private wireNames: ToolNameMap

  /** Throws TOOL_NAME_COLLISION when two tools share a name or would share a wire name. */
  constructor(private readonly sources: readonly ToolSource[]) {
    this.byName = this.index()
    this.wireNames = ToolNameMap.build([...this.byName.keys()])
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
   * Re-reads the sources' lists (an upstream announced a change) and tells listeners (transports sending
   * notifications/tools/list_changed). Source names are namespaced, so a new list cannot collide with
   * another source's; if it somehow does, the previous index stays.
   */
  changed(): void {
    try {
      const byName = this.index()
      const wireNames = ToolNameMap.build([...byName.keys()])
      this.byName = byName
      this.wireNames = wireNames
    } catch {
      return
    }
    for (const listener of this.listeners) listener()
  }

  private index(): Map<string, { source: ToolSource; definition: ToolDefinition }> {
    const map = new Map<string, { source: ToolSource; definition: ToolDefinition }>()
    for (const source of this.sources) {
      for (const definition of source.tools()) {
        const other = map.get(definition.name)
        if (other !== undefined) {
          throw new WardenError(
            'TOOL_NAME_COLLISION',
            `${definition.name} is offered by both ${other.source.name} and ${source.name}`,
          )
        }
        map.set(definition.name, { source, definition })
      }
    }
    return map
  }
}
