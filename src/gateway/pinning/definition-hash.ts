import { createHash } from 'node:crypto'
import { canonicalJson } from '../../audit/canonical-json.js'
import type { ToolDefinition } from '../tool-source.js'

/**
 * The pin of a tool: SHA-256 over the canonical JSON (sorted keys, see canonicalJson) of everything the
 * model is shown of it: name, title, description, input and output schema, annotations. Changing any of
 * them, even a property description deep in the schema, is a new definition that needs a new acceptance.
 *
 * @example
 * toolDefinitionHash({ name: 'fs/read', description: 'Reads a file', inputSchema: { type: 'object' } }) // 'sha256:…'
 */
export function toolDefinitionHash(def: ToolDefinition): string {
  const pinned = {
    name: def.name,
    description: def.description,
    inputSchema: def.inputSchema,
    outputSchema: def.outputSchema,
    annotations: def.annotations,
    title: def.title,
  }
  return `sha256:${createHash('sha256').update(canonicalJson(pinned), 'utf8').digest('hex')}`
}
