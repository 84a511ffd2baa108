import type { Context } from 'hono'
import { WardenError } from '../../errors/warden-error.js'

/**
 * The request's JSON object body (an empty body is `{}`). Throws REQUEST_BAD_JSON for text that is not
 * JSON or not an object; the size limit is enforced before, by the bodyLimit middleware.
 */
export async function jsonObjectBody(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new WardenError('REQUEST_BAD_JSON', `the body is not JSON: ${(error as Error).message}`)
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new WardenError('REQUEST_BAD_JSON', 'the body must be a JSON object')
  }
  return value as Record<string, unknown>
}

/** A string field of a body, `fallback` when the field is absent; REQUEST_INVALID when it is not a non-empty string. */
export function optionalText(body: Record<string, unknown>, field: string, fallback: string): string {
  return body[field] === undefined ? fallback : requiredText(body, field)
}

/** A string field of a body, or REQUEST_INVALID. */
export function requiredText(body: Record<string, unknown>, field: string): string {
  const value = body[field]
  if (typeof value !== 'string' || value.trim() === '') {
    throw new WardenError('REQUEST_INVALID', `"${field}" is required: a non-empty string`)
  }
  return value
}
