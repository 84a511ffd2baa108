import type { ToolResult } from '../gateway/tool-source.js'

/**
 * A successful governed-tool result: a text for the agent and the same facts as structured content.
 *
 * @example success('wrote 12 bytes to /data/outputs/a.txt', { path: '/data/outputs/a.txt', bytes: 12 })
 */
export function success(text: string, structured: Record<string, unknown>): ToolResult {
  return { content: [{ type: 'text', text }], structuredContent: structured }
}

/**
 * A tool failure as a result, not a throw: the text starts with the stable code so the agent (and the
 * audit) can match on it; structuredContent carries `{ code, message }`.
 *
 * @example failure('TOOL_FILE_NOT_FOUND', '/data/public/missing.txt does not exist')
 */
export function failure(code: string, message: string, detail?: Record<string, unknown>): ToolResult {
  return {
    content: [{ type: 'text', text: `${code}: ${message}` }],
    structuredContent: { code, message, ...(detail ?? {}) },
    isError: true,
  }
}

/** A tool's outcome before it becomes a result: lets helpers return a refusal without throwing. */
export type Outcome<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly result: ToolResult }

/** A refusal as an Outcome, for helpers that return before a result is built. */
export function refusedWith(code: string, message: string, detail?: Record<string, unknown>): Outcome<never> {
  return { ok: false, result: failure(code, message, detail) }
}
