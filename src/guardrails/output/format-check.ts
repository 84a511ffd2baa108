import { z } from 'zod'
import { WardenError } from '../../errors/warden-error.js'

/** A compiled per-tool format check: undefined when the value conforms, else what is wrong. */
export type FormatChecker = (tool: string | undefined, value: unknown) => string | undefined

/**
 * Compiles one JSON Schema per tool with zod's `z.fromJSONSchema`, once, at construction: a schema
 * that does not compile fails start-up (OUTPUT_SCHEMA_INVALID), not the first request.
 */
export function compileFormatSchemas(schemas: Readonly<Record<string, unknown>>): FormatChecker {
  const compiled = new Map<string, z.ZodType>()
  for (const [tool, schema] of Object.entries(schemas)) {
    try {
      compiled.set(tool, z.fromJSONSchema(schema as Parameters<typeof z.fromJSONSchema>[0]))
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error)
      throw new WardenError(
        'OUTPUT_SCHEMA_INVALID',
        `output schema for tool "${tool}" does not compile: ${why}`,
      )
    }
  }
  return (tool, value) => {
    const schema = tool === undefined ? undefined : compiled.get(tool)
    if (schema === undefined) return undefined
    const result = schema.safeParse(value)
    if (result.success) return undefined
    const issue = result.error.issues[0]
    const at =
      issue === undefined
        ? ''
        : `$${issue.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('')}`
    return `result of "${tool}" does not match its schema at ${at}: ${issue?.message ?? 'invalid'}`
  }
}

/** Whether a schema is configured for `tool`. */
export function hasSchema(
  schemas: Readonly<Record<string, unknown>> | undefined,
  tool: string | undefined,
): boolean {
  return schemas !== undefined && tool !== undefined && Object.hasOwn(schemas, tool)
}
