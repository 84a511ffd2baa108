import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { errorBody } from '../../errors/warden-error.js'

/** DESIGN.md's error shape: `{"error":{"code","message"}}` with a 4xx/5xx status. */
export function jsonError(c: Context, status: ContentfulStatusCode, code: string, message: string): Response {
  return c.json({ error: { code, message } }, status)
}

/** The HTTP status of a failure that escaped a route, by its code; anything unknown is a 500. */
const STATUS_OF: Readonly<Record<string, ContentfulStatusCode>> = Object.freeze({
  USAGE: 400,
  REQUEST_BAD_JSON: 400,
  REQUEST_INVALID: 400,
  KILL_SWITCH_INVALID: 400,
  KILL_SWITCH_TERMINATED_FINAL: 409,
  KILL_SWITCH_CLOSED: 503,
  KILL_SWITCH_PERSIST_FAILED: 503,
  KILL_SWITCH_UNAVAILABLE: 503,
  INCIDENT_LOG_FAILED: 503,
  AUDIT_UNAVAILABLE: 503,
  STORE_UNAVAILABLE: 503,
  APPROVAL_NOT_FOUND: 404,
  APPROVAL_CLOSED: 409,
  APPROVAL_ALREADY_VOTED: 409,
  APPROVAL_SELF: 403,
  APPROVAL_NOT_APPROVER: 403,
  APPROVAL_REASON_REQUIRED: 400,
  APPROVAL_CONFLICT: 409,
  APPROVAL_STORE_UNAVAILABLE: 503,
})

/** Turns a thrown failure into the coded error response (a 500 keeps its code but not internals). */
export function failureResponse(c: Context, error: unknown): Response {
  const body = errorBody(error)
  const status = STATUS_OF[body.code] ?? 500
  const message = status === 500 && body.code === 'INTERNAL' ? 'internal error' : body.message
  return jsonError(c, status, body.code, message)
}
