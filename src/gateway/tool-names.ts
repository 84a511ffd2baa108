import { createHash } from 'node:crypto'
import { WardenError } from '../errors/warden-error.js'

/** What LLM APIs (OpenAI, Anthropic) accept as a tool name; every wire name matches it. */
export const WIRE_NAME = /^[A-Za-z0-9_-]{1,64}$/

const MAX_WIRE = 64
const HASH_CHARS = 8

/**
 * The two-way map between canonical tool names (`files.read`, `github/search_issues`) and the names MCP
 * clients see (`files_read`, `github__search_issues`). Encoding is lossy (`a.b` and `a_b` meet), so the map
 * is built once from every name the gateway serves and refuses to exist when two names would meet: an agent
 * calling one tool must never reach another.
 *
 * @example
 * const map = ToolNameMap.build(['files.read', 'github/search_issues'])
 * map.toWire('github/search_issues') // 'github__search_issues'
 * map.toCanonical('files_read') // 'files.read'
 */
export class ToolNameMap {
  readonly #toWire: ReadonlyMap<string, string>
  readonly #toCanonical: ReadonlyMap<string, string>

  private constructor(toWire: Map<string, string>, toCanonical: Map<string, string>) {
    this.#toWire = toWire
    this.#toCanonical = toCanonical
  }

  /** Encodes every name; throws `TOOL_NAME_COLLISION` naming both tools when two get the same wire name. */
  static build(canonicalNames: readonly string[]): ToolNameMap {
    const toWire = new Map<string, string>()
    const toCanonical = new Map<string, string>()
    for (const name of canonicalNames) {
      if (toWire.has(name)) {
        throw new WardenError('TOOL_NAME_COLLISION', `two tool sources both offer a tool named "${name}"`, {
          names: [name],
        })
      }
      toWire.set(name, encodeToolName(name))
    }
    for (const [wire, [first, second]] of wireClashes(toWire.keys())) {
      throw new WardenError('TOOL_NAME_COLLISION', clashMessage(wire, first as string, second as string), {
        names: [first, second],
        wire,
      })
    }
    for (const [name, wire] of toWire) toCanonical.set(wire, name)
    return new ToolNameMap(toWire, toCanonical)
  }

  /** The wire name of a canonical name in the map, else undefined. */
  toWire(canonical: string): string | undefined {
    return this.#toWire.get(canonical)
  }

  /** The canonical name a client's wire name stands for, else undefined (unknown names are not guessed). */
  toCanonical(wire: string): string | undefined {
    return this.#toCanonical.get(wire)
  }

  get size(): number {
    return this.#toWire.size
  }
}

/**
 * The wire names two or more of `canonicalNames` would share, each with those names in the order given
 * (`a.b` and `a_b` both become `a_b`). Empty when every name is listed apart. The one definition of a clash:
 * the map refuses them, a server's list drops them, a changed router leaves them out.
 */
export function wireClashes(canonicalNames: Iterable<string>): Map<string, string[]> {
  const byWire = new Map<string, string[]>()
  for (const name of canonicalNames) {
    const wire = encodeToolName(name)
    const names = byWire.get(wire)
    if (names === undefined) byWire.set(wire, [name])
    else names.push(name)
  }
  for (const [wire, names] of byWire) if (names.length < 2) byWire.delete(wire)
  return byWire
}

/** What a TOOL_NAME_COLLISION on the wire says. */
export function clashMessage(wire: string, first: string, second: string): string {
  return `tools "${first}" and "${second}" would both be listed as "${wire}"; rename one upstream server`
}

/**
 * The wire form of one canonical name: `/` becomes `__`, any other character outside `[A-Za-z0-9_-]`
 * becomes `_`; a result longer than 64 characters (or empty) is cut and given a hash of the whole
 * canonical name, so two long names that share a prefix stay apart.
 */
export function encodeToolName(canonical: string): string {
  const plain = canonical.replaceAll('/', '__').replace(/[^A-Za-z0-9_-]/g, '_')
  if (plain.length >= 1 && plain.length <= MAX_WIRE) return plain
  const hash = createHash('sha256').update(canonical, 'utf8').digest('hex').slice(0, HASH_CHARS)
  const head = plain.slice(0, MAX_WIRE - HASH_CHARS - 1)
  return head === '' ? `t_${hash}` : `${head}_${hash}`
}
