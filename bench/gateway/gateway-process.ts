import { readFileSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { parseConfig } from '../../src/config/load.js'
import { Gateway } from '../../src/gateway/gateway.js'
import { createHttpApp } from '../../src/gateway/http/create-http-app.js'
import { listen } from '../../src/gateway/http/listen.js'
import { ensureDemoSandbox } from '../../src/tools/demo-sandbox.js'

// One Warden instance in its own process, opened as `warden up` opens it (Gateway.open, createHttpApp, listen)
// on the configuration in BENCH_GATEWAY_CONFIG, with its working directory (store, sandbox) in cwd. Run by
// the gateway bench with `fork`: it sends `{url}` when listening, answers `cpu` with its
// process.cpuUsage() so the bench can state CPU time per call, and closes everything on `exit` (which also
// lets --cpu-prof write its profile).
const text = process.env['BENCH_GATEWAY_CONFIG']
if (text === undefined) throw new Error('BENCH_GATEWAY_CONFIG is not set')
const cwd = process.cwd()
ensureDemoSandbox(cwd)
const gateway = await Gateway.open({ loaded: parseConfig(text), cwd, env: {} })
// Group commit as it happens: transactions and records, reported with the CPU time.
const commits = { transactions: 0, records: 0 }
const auditStore = gateway.store.audit
const append = auditStore.append.bind(auditStore)
auditStore.append = async (build) => {
  const rows = await append(build)
  commits.transactions++
  commits.records += rows.length
  return rows
}
// BENCH_DIRECT_CALLS=0: every tools/call through the SDK transport (to compare with the direct path).
const http = createHttpApp(gateway, {
  adminTokens: [],
  upstreamHealth: () => gateway.upstreamHealth(),
  ...(process.env['BENCH_DIRECT_CALLS'] === '0' ? { directCalls: false } : {}),
})
const server = await listen(http.app, { host: '127.0.0.1', port: 0 })
process.send?.({ url: server.url })
// Orphaned (the bench died): go too.
process.on('disconnect', () => process.exit(0))
process.on('message', (message: unknown) => {
  if (message === 'cpu') process.send?.({ cpu: process.cpuUsage(), commits, mainThreadUs: mainThreadUs() })
  if (message === 'profile-start') void profiler.start()
  if (message === 'profile-stop') void profiler.stop()
  if (message === 'exit') {
    void (async () => {
      await http.close()
      await server.close()
      await gateway.close()
      process.exit(0)
    })()
  }
})

// `profile-start` / `profile-stop`: a CPU profile of the steady state only (no start-up, no module loading),
// written to BENCH_GATEWAY_PROFILE_DIR as gateway-<time>.cpuprofile (open it in Chrome DevTools).
const profiler = {
  session: undefined as Session | undefined,
  async start() {
    this.session = new Session()
    this.session.connect()
    await this.session.post('Profiler.enable')
    await this.session.post('Profiler.setSamplingInterval', { interval: 200 })
    await this.session.post('Profiler.start')
  },
  async stop() {
    const session = this.session
    if (session === undefined) return
    const { profile } = await session.post('Profiler.stop')
    const dir = process.env['BENCH_GATEWAY_PROFILE_DIR'] ?? process.cwd()
    writeFileSync(join(dir, `gateway-${Date.now()}.cpuprofile`), JSON.stringify(profile))
    session.disconnect()
    this.session = undefined
    process.send?.({ profiled: true })
  },
}

// CPU time of the main thread alone (the event loop), from Linux's /proc (clock ticks of 10 ms); the rest of
// process.cpuUsage() is V8's helper threads (garbage collection, compilation) and the audit writer thread.
function mainThreadUs(): number | undefined {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10_000
  } catch {
    return undefined
  }
}
