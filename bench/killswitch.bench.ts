import { randomUUID } from 'node:crypto'
import type { Bus, BusMessage } from '../src/bus/bus.js'
import { openBus } from '../src/bus/open-bus.js'
import { MemoryIncidentSink } from '../src/killswitch/incident.js'
import { AgentKillSwitch } from '../src/killswitch/kill-switch.js'
import { MemoryKillSwitchRepository } from '../src/killswitch/repository.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// The kill switch's two costs: admit() on every action (in-process, no I/O), and how fast a stop
// travels between gateway instances (publish → receive on each bus, and a whole emergency stop A → B).
const BROKERS: readonly (readonly [string, string | undefined])[] = [
  ['memory', `memory:bench-${randomUUID()}`],
  ['redis', process.env['WARDEN_BENCH_REDIS'] ?? process.env['WARDEN_TEST_REDIS']],
  ['nats', process.env['WARDEN_BENCH_NATS'] ?? process.env['WARDEN_TEST_NATS']],
]

async function openKillSwitch(bus: Bus): Promise<AgentKillSwitch> {
  return AgentKillSwitch.open({
    bus,
    repository: new MemoryKillSwitchRepository(),
    incidents: new MemoryIncidentSink(),
  })
}

async function admitRows(): Promise<BenchRow[]> {
  const bus = await openBus(`memory:bench-${randomUUID()}`)
  const ks = await openKillSwitch(bus)
  await ks.pause('paused-agent', 'bench')
  const agents = Array.from({ length: 1_000 }, (_, i) => `agent-${i}`)
  const rows = [
    await measure('admit() allow, 1,000 distinct agents', (i) => ks.admit(agents[i % 1_000]!), {
      iterations: 200_000,
    }),
    await measure('admit() deny (paused agent)', () => ks.admit('paused-agent'), { iterations: 200_000 }),
  ]
  // measure() times each call with hrtime, which costs more than admit(); a bare loop gives the real rate.
  const n = 5_000_000
  let denied = 0
  const start = process.hrtime.bigint()
  for (let i = 0; i < n; i++) if (!ks.admit(agents[i % 1_000]!).ok) denied++
  const seconds = Number(process.hrtime.bigint() - start) / 1e9
  rows.push({
    name: 'admit() allow, bare loop',
    opsPerSec: Math.round(n / seconds),
    note: `${denied} denied of ${n}`,
  })
  await ks.close()
  await bus.close()
  return rows
}

/** One message at a time: publish on A, resolve when B's subscription has it. */
async function publishRows(name: string, url: string): Promise<BenchRow[]> {
  const a = await openBus(url)
  const b = await openBus(url)
  const subject = `bench.${randomUUID()}`
  let wake: (() => void) | undefined
  await b.subscribe(subject, (_m: BusMessage) => wake?.())
  const roundTrip = () =>
    new Promise<void>((resolve) => {
      wake = resolve
      void a.publish(subject, a.stamp({ n: 1 }))
    })
  const iterations = name === 'memory' ? 20_000 : 2_000
  const publish = await measure(`${name}: publish → receive on a second connection`, roundTrip, {
    iterations,
    warmup: 200,
  })

  const ka = await openKillSwitch(a)
  const kb = await openKillSwitch(b)
  let applied: (() => void) | undefined
  kb.onChange((c) => {
    if (c.source === 'bus') applied?.()
  })
  const stopRoundTrip = (i: number) =>
    new Promise<void>((resolve) => {
      applied = resolve
      void (i % 2 === 0 ? ka.emergencyStop('bench') : ka.clearEmergency('bench'))
    })
  const stop = await measure(`${name}: emergencyStop on A → applied on B`, stopRoundTrip, {
    iterations: name === 'memory' ? 5_000 : 1_000,
    warmup: 100,
    note: 'includes persisting (in-memory repository) and the incident record',
  })
  await ka.close()
  await kb.close()
  await a.close()
  await b.close()
  return [publish, stop]
}

export const suite: BenchSuite = {
  title: 'Kill switch: admit() and stop propagation',
  async run() {
    const rows = await admitRows()
    for (const [name, url] of BROKERS) {
      if (url === undefined) {
        rows.push({ name: `${name}: skipped`, opsPerSec: 0, note: `set WARDEN_TEST_${name.toUpperCase()}` })
        continue
      }
      rows.push(...(await publishRows(name, url)))
    }
    return rows
  },
}
