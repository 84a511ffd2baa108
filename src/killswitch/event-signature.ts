import { createHmac, timingSafeEqual } from 'node:crypto'
import { WardenError } from '../errors/warden-error.js'
import type { KillSwitchEvent } from './event.js'

const MIN_KEY_LENGTH = 32

/**
 * HMAC-SHA256 over an event's fields in a fixed order, so instances sharing `busKey` accept only events
 * issued by one of them: without it, anyone who can write to the broker could resume a paused agent.
 * Replaying a genuine old event gains nothing: it is either already applied or older than the state.
 */
export function signEvent(event: KillSwitchEvent, key: string): string {
  const fields = [
    event.id,
    event.kind,
    event.agentId ?? null,
    event.reason,
    event.actor,
    event.at,
    event.origin,
  ]
  return createHmac('sha256', key).update(JSON.stringify(fields)).digest('base64url')
}

/** True when `mac` is the event's signature under `key` (constant-time comparison). */
export function verifyEvent(event: KillSwitchEvent, mac: unknown, key: string): boolean {
  if (typeof mac !== 'string' || mac.length > 64) return false
  const expected = Buffer.from(signEvent(event, key))
  const given = Buffer.from(mac)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** Throws KILL_SWITCH_INVALID for a key too short to resist guessing. */
export function checkBusKey(key: string): string {
  if (key.length < MIN_KEY_LENGTH) {
    throw new WardenError('KILL_SWITCH_INVALID', `busKey must be at least ${MIN_KEY_LENGTH} characters`)
  }
  return key
}
