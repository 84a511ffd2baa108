/**
 * A failure with a stable code from the catalog (never used to deny: a deny is a verdict).
 *
 * @example
 * throw new WardenError('CONFIG_INVALID', 'warden.yaml:4: agents.reporter.permissions.file: unknown key')
 */
export class WardenError extends Error {
  readonly code: string
  readonly details: Readonly<Record<string, unknown>> | undefined

  constructor(code: string, message: string, details?: Record<string, unknown>) {
    super(message)
    this.name = 'WardenError'
    this.code = code
    this.details = details
  }
}

/** The code and message of any thrown value, for output as `{"error":{"code","message"}}`. */
export function errorBody(error: unknown): { code: string; message: string } {
  if (error instanceof WardenError) return { code: error.code, message: error.message }
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error) }
}
