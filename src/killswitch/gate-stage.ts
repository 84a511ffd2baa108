import type { Stage } from '../core/stage.js'
import { ALLOW, deny, type Verdict } from '../core/verdict.js'
import type { AgentKillSwitch } from './kill-switch.js'

/**
 * The kill-switch part of the pipeline's `gate` stage: a paused or terminated agent, an emergency stop,
 * or a bus silent past its lease denies the action before anything else looks at it. Synchronous and
 * free of I/O, so it costs one Map lookup per action. The lease is judged on the real clock, never on
 * the simulated `ctx.now` of `warden check`: a replayed timestamp must not make a dead bus look alive.
 *
 * @example
 * runPipeline([killSwitchGate(ks), ...otherStages], action)
 */
export function killSwitchGate(killSwitch: AgentKillSwitch): Stage {
  return {
    name: 'gate',
    check: function killSwitchGate(action): Verdict {
      const admission = killSwitch.admit(action.agent)
      return admission.ok ? ALLOW : deny(admission.code, admission.reason)
    },
  }
}
