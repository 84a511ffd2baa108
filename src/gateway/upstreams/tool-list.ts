import type { Client } from '@modelcontextprotocol/sdk/client/index.js'
import type { Tool } from '@modelcontextprotocol/sdk/types.js'
import { canonicalJson } from '../../audit/canonical-json.js'
import { wireClashes } from '../tool-names.js'
import type { ToolDefinition } from '../tool-source.js'

/**
 * Every tool an upstream lists, following `nextCursor` up to `maxPages` pages and `maxTools` tools (a
 * hostile server must not keep the gateway paging forever), named `<server>/<tool>`. A name the server
 * lists twice is dropped entirely: which of two definitions a call would reach is unknowable, and each
 * could be pinned separately. So are two names that would meet as MCP wire names (`a.b` and `a_b`): an
 * agent calling one must never reach the other.
 */
export async function listUpstreamTools(
  client: Client,
  server: string,
  limits: { readonly timeoutMs: number; readonly maxPages: number; readonly maxTools: number },
  log: (line: string) => void,
): Promise<ToolDefinition[]> {
  const listed: Tool[] = []
  let cursor: string | undefined
  for (let page = 0; page < limits.maxPages; page++) {
    const result = await client.listTools(cursor === undefined ? {} : { cursor }, {
      timeout: limits.timeoutMs,
    })
    listed.push(...result.tools)
    cursor = result.nextCursor
    if (cursor === undefined || listed.length >= limits.maxTools) break
  }
  if (cursor !== undefined) log(`upstream ${server}: tool list cut at ${listed.length} tools`)
  const counts = new Map<string, number>()
  for (const tool of listed) counts.set(tool.name, (counts.get(tool.name) ?? 0) + 1)
  const tools: ToolDefinition[] = []
  for (const tool of listed.slice(0, limits.maxTools)) {
    if (tool.name === '' || counts.get(tool.name) !== 1) {
      log(
        `upstream ${server}: tool "${tool.name}" dropped (listed ${counts.get(tool.name)} times or unnamed)`,
      )
      continue
    }
    const def = toDefinition(server, tool)
    if (!hashable(def)) {
      log(`upstream ${server}: tool "${tool.name}" dropped (its schema is nested too deeply to pin)`)
      continue
    }
    tools.push(def)
  }
  return withoutWireClashes(tools, server, log)
}

function withoutWireClashes(
  tools: ToolDefinition[],
  server: string,
  log: (line: string) => void,
): ToolDefinition[] {
  const clashing = new Map<string, string>()
  for (const [wire, names] of wireClashes(tools.map((d) => d.name)))
    for (const n of names) clashing.set(n, wire)
  return tools.filter((def) => {
    const wire = clashing.get(def.name)
    if (wire === undefined) return true
    log(`upstream ${server}: tool "${def.name}" dropped (another of its tools is also listed as "${wire}")`)
    return false
  })
}

/** An upstream tool as Warden lists it: prefixed name, the parts that are pinned, nothing else. */
export function toDefinition(server: string, tool: Tool): ToolDefinition {
  return {
    name: `${server}/${tool.name}`,
    description: tool.description ?? '',
    inputSchema: tool.inputSchema,
    ...(tool.outputSchema === undefined ? {} : { outputSchema: tool.outputSchema }),
    ...(tool.annotations === undefined ? {} : { annotations: tool.annotations }),
    ...(tool.title === undefined ? {} : { title: tool.title }),
  }
}

function hashable(def: ToolDefinition): boolean {
  try {
    canonicalJson(def)
    return true
  } catch {
    return false
  }
}
