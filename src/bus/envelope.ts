import { randomUUID } from 'node:crypto'
import type { BusMessage, BusPayload } from './bus.js'

/** The largest encoded message accepted from the wire; bigger ones are dropped unread. */
export const MAX_MESSAGE_BYTES = 65_536

/** Stamps payloads with one instance's origin and a strictly increasing sequence number. */
export class Stamper {
  readonly origin: string
  #seq = 0

  constructor(origin: string = randomUUID()) {
    this.origin = origin
  }

  stamp(payload: BusPayload): BusMessage {
    this.#seq += 1
    return { origin: this.origin, seq: this.#seq, ts: Date.now(), payload }
  }
}

/** The wire form: one JSON object `{o, s, t, p}`. */
export function encodeMessage(message: BusMessage): string {
  return JSON.stringify({ o: message.origin, s: message.seq, t: message.ts, p: message.payload })
}

/**
 * Parses the wire form, or returns undefined for anything malformed or oversized: whoever can reach the
 * broker can write to it, so a bad message is dropped, never allowed to crash the subscriber.
 */
export function decodeMessage(text: string): BusMessage | undefined {
  if (text.length > MAX_MESSAGE_BYTES) return undefined
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof raw !== 'object' || raw === null) return undefined
  const { o, s, t, p } = raw as Record<string, unknown>
  if (typeof o !== 'string' || o === '' || o.length > 128) return undefined
  if (typeof s !== 'number' || !Number.isSafeInteger(s) || s < 1) return undefined
  if (typeof t !== 'number' || !Number.isFinite(t)) return undefined
  if (typeof p !== 'object' || p === null || Array.isArray(p)) return undefined
  return { origin: o, seq: s, ts: t, payload: p as Record<string, unknown> }
}
