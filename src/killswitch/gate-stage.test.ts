import { randomUUID } from 'node:crypto'
import { afterEach, describe, expect, it } from 'vitest'
import { MemoryBus, memoryHub } from '../bus/memory/memory-bus.js'
import type { Action } from '../core/action.js'
import { runPipeline } from '../core/pipeline.js'
import type { Stage } from '../core/stage.js'
import { allow } from '../core/verdict.js'
import { killSwitchGate } from './gate-stage.js'
import { MemoryIncidentSink } from './incident.js'
import { AgentKillSwitch } from './kill-switch.js'
import { MemoryKillSwitchRepository } from './repository.js'

const anAction = (over: Partial<Action> = {}): Action => ({
  agent: 'reporter',
  tool: 'files.read',
  args: {},
  ...over,
})

let ks: AgentKillSwitch
afterEach(() => ks?.close())

async function aGate() {
  ks = await AgentKillSwitch.open({
    bus: new MemoryBus(memoryHub(randomUUID())),
    repository: new MemoryKillSwitchRepository(),
    incidents: new MemoryIncidentSink(),
  })
  const reached: string[] = []
  const later: Stage = {
    name: 'policy',
    check: (a) => {
      reached.push(a.agent)
      return allow()
    },
  }
  return { stages: [killSwitchGate(ks), later], reached }
}

describe('killSwitchGate', () => {
  it('lets an action of an agent nobody stopped through to the next stage', async () => {
    const { stages, reached } = await aGate()
    const result = await runPipeline(stages, anAction())
    expect(result.decision).toBe('allow')
    expect(reached).toEqual(['reporter'])
  })

  it('denies a paused agent at the gate, before any later stage runs', async () => {
    const { stages, reached } = await aGate()
    await ks.pause('reporter', 'anomaly')
    const result = await runPipeline(stages, anAction())
    expect(result.decision).toBe('deny')
    expect(result.reasons).toEqual([
      { stage: 'gate', code: 'AGENT_PAUSED', message: expect.stringContaining('anomaly') },
    ])
    expect(reached).toEqual([])
  })

  it('denies every agent during an emergency stop and a terminated one for good', async () => {
    const { stages } = await aGate()
    await ks.terminate('rogue', 'exfiltration')
    await ks.emergencyStop('campaign')
    expect((await runPipeline(stages, anAction({ agent: 'anyone' }))).reasons[0]?.code).toBe('EMERGENCY_STOP')
    await ks.clearEmergency('over')
    expect((await runPipeline(stages, anAction({ agent: 'rogue' }))).reasons[0]?.code).toBe(
      'AGENT_TERMINATED',
    )
    expect((await runPipeline(stages, anAction({ agent: 'anyone' }))).decision).toBe('allow')
  })

  it('judges the lease on the real clock, whatever time the action claims', async () => {
    const { stages } = await aGate()
    const result = await runPipeline(stages, anAction(), { now: Date.now() + 86_400_000 })
    expect(result.decision).toBe('allow')
  })
})
