import type { Action } from '../core/action.js'
import { isPlainObject } from '../core/parse-action.js'

// Argument names under which a meta-tool (run_tool, batch, call_tool, ...) carries the tool it will call and
// that tool's arguments.
const NAME_KEYS = ['tool', 'toolName', 'tool_name', 'name', 'function', 'method_name']
const ARG_KEYS = ['arguments', 'args', 'params', 'input', 'parameters']

/**
 * The actions a call would launder through a meta-tool: every object in the arguments (at any depth) that
 * names a known tool, as that tool with the arguments beside the name. The gateway authorises each as if the
 * agent had called it directly, so `run_tool {name: "files.delete"}` is judged as files.delete.
 */
export function namedToolActions(
  action: Action,
  isKnownTool: (name: string) => string | undefined,
  maxNodes = 10_000,
): Action[] {
  const found: Action[] = []
  const stack: unknown[] = [action.args]
  let seen = 0
  while (stack.length > 0 && seen++ < maxNodes) {
    const node = stack.pop()
    if (Array.isArray(node)) {
      stack.push(...node)
      continue
    }
    if (!isPlainObject(node)) continue
    for (const key of NAME_KEYS) {
      const value = node[key]
      const tool = typeof value === 'string' ? isKnownTool(value) : undefined
      if (tool === undefined || tool === action.tool) continue
      const inner = ARG_KEYS.map((k) => node[k]).find(isPlainObject) ?? {}
      found.push({ ...action, tool, args: inner })
    }
    stack.push(...Object.values(node))
  }
  return found
}
