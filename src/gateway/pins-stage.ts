import type { Stage } from '../core/stage.js'
import { ALLOW, deny } from '../core/verdict.js'
import { JsonFilePinStore, pinsFileFor } from './pinning/pin-store.js'
import { ToolPins } from './pinning/tool-pins.js'
import type { ToolDefinition } from './tool-source.js'

export type { ToolPins }

/** Upstream tools are `<server>/<tool>`; Warden's own governed tools are not pinned (their code ships with it). */
export function isUpstreamTool(name: string): boolean {
  return name.includes('/')
}

/** The gateway's pins, beside the store, with trust on first use (never for a changed or poisoned tool). */
export function openPins(storeUrl: string, cwd: string): Promise<ToolPins> {
  return ToolPins.open(new JsonFilePinStore(pinsFileFor(storeUrl, cwd)), { autoAcceptFirstSeen: true })
}

/**
 * Denies a call to an upstream tool whose current definition is not the one an operator accepted (a rug
 * pull: TOOL_DEFINITION_CHANGED) or was never accepted (TOOL_NOT_ACCEPTED, e.g. it looked poisoned).
 */
export function pinStage(pins: ToolPins, definitionOf: (tool: string) => ToolDefinition | undefined): Stage {
  return {
    name: 'pinning',
    check(action) {
      if (!isUpstreamTool(action.tool)) return ALLOW
      const definition = definitionOf(action.tool)
      if (definition === undefined) return ALLOW // not offered now: the call fails as TOOL_UNAVAILABLE
      const refusal = pins.refusal(definition)
      return refusal === undefined ? ALLOW : deny(refusal.code, refusal.reason)
    },
  }
}
