import { randomUUID } from 'node:crypto'
import { MemoryBus, memoryHub } from '../bus/memory/memory-bus.js'
import { MemoryIncidentSink } from './incident.js'
import { AgentKillSwitch } from './kill-switch.js'
import { MemoryKillSwitchRepository } from './repository.js'

/**
 * A kill switch that lives only in this process: a memory bus on a hub of its own and a memory repository.
 * `warden check` uses it so that a pause decided on one line stops the agent on the lines after it, as the
 * gateway pauses a live agent, without touching any store or other process.
 */
export function simulatedKillSwitch(): Promise<AgentKillSwitch> {
  return AgentKillSwitch.open({
    bus: new MemoryBus(memoryHub(`check-${randomUUID()}`)),
    repository: new MemoryKillSwitchRepository(),
    incidents: new MemoryIncidentSink(),
  })
}
