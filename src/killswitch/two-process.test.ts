import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { openBus } from '../bus/open-bus.js'
import { MemoryIncidentSink } from './incident.js'
import { AgentKillSwitch } from './kill-switch.js'
import { MemoryKillSwitchRepository } from './repository.js'

// Issue 4's test: two gateway processes sharing a broker. This process is gateway A; a child process is
// gateway B, admitting 'worker' in a loop. A stops everything; B reports when it applied the stop and
// whether any admit succeeded after that. Both clocks are performance.timeOrigin + now() on one machine.
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url))

const PEER = `
import { openBus } from ${JSON.stringify(here('../bus/open-bus.ts'))}
import { AgentKillSwitch } from ${JSON.stringify(here('./kill-switch.ts'))}
import { MemoryIncidentSink } from ${JSON.stringify(here('./incident.ts'))}
import { MemoryKillSwitchRepository } from ${JSON.stringify(here('./repository.ts'))}
const now = () => performance.timeOrigin + performance.now()
const bus = await openBus(process.env.PEER_BUS)
const ks = await AgentKillSwitch.open({ bus, repository: new MemoryKillSwitchRepository(), incidents: new MemoryIncidentSink() })
let receivedAt
ks.onChange((c) => { if (c.event.kind === 'emergency-stop' && receivedAt === undefined) receivedAt = now() })
let admitted = 0, admittedAfterStop = 0, lastAdmitAt = 0, calls = 0
const deadline = Date.now() + 10_000
process.stdout.write('ready\\n')
while (Date.now() < deadline) {
  const t = now()
  const ok = ks.admit('worker').ok
  calls++
  if (ok) { admitted++; lastAdmitAt = t; if (receivedAt !== undefined) admittedAfterStop++ }
  if (receivedAt !== undefined && t - receivedAt > 50) break
  await new Promise((r) => setImmediate(r))
}
process.stdout.write(JSON.stringify({ receivedAt, admitted, admittedAfterStop, lastAdmitAt, calls }) + '\\n')
await ks.close(); await bus.close(); process.exit(0)
`

function startPeer(busUrl: string): { child: ChildProcessWithoutNullStreams; lines: AsyncIterator<string> } {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PEER], {
    env: { ...process.env, PEER_BUS: busUrl },
  })
  child.stderr.on('data', (d) => process.stderr.write(d))
  return { child, lines: createInterface({ input: child.stdout })[Symbol.asyncIterator]() }
}

const brokers = [
  ['Redis', process.env['WARDEN_TEST_REDIS']],
  ['NATS', process.env['WARDEN_TEST_NATS']],
] as const

for (const [name, url] of brokers) {
  if (url === undefined)
    console.warn(`two-process.test.ts: WARDEN_TEST_${name.toUpperCase()} is not set; skipped`)

  describe.skipIf(url === undefined)(`two gateway processes sharing ${name}`, () => {
    it('an emergency stop on one stops the other, which admits nothing after receiving it', async () => {
      const bus = await openBus(url!)
      const a = await AgentKillSwitch.open({
        bus,
        repository: new MemoryKillSwitchRepository(),
        incidents: new MemoryIncidentSink(),
      })
      const peer = startPeer(url!)
      try {
        expect((await peer.lines.next()).value).toBe('ready')
        await new Promise((resolve) => setTimeout(resolve, 50))
        const issuedAt = performance.timeOrigin + performance.now()
        await a.emergencyStop('two-process test')
        const ackAt = performance.timeOrigin + performance.now()
        const report = JSON.parse((await peer.lines.next()).value as string) as {
          receivedAt?: number
          admitted: number
          admittedAfterStop: number
          lastAdmitAt: number
          calls: number
        }
        expect(report.receivedAt).toBeDefined()
        expect(report.admitted).toBeGreaterThan(0)
        expect(report.admittedAfterStop).toBe(0)
        expect(report.lastAdmitAt).toBeLessThan(report.receivedAt!)
        expect(report.lastAdmitAt).toBeLessThan(Math.max(ackAt, report.receivedAt!))
        console.log(
          `${name} two processes: stop issued→B applied ${(report.receivedAt! - issuedAt).toFixed(2)} ms, ` +
            `issued→A acknowledged ${(ackAt - issuedAt).toFixed(2)} ms, B made ${report.calls} admit calls, ` +
            `last admit ${(report.receivedAt! - report.lastAdmitAt).toFixed(3)} ms before it applied the stop`,
        )
      } finally {
        peer.child.kill()
        await a.close()
        await bus.close()
      }
    })
  })
}
