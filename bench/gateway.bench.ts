import { spawn } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { newSecret } from '../src/gateway/auth/new-secret.js'
import { benchConfig } from './gateway/bench-config.js'
import { type BenchChild, pinTo, startChild } from './gateway/child.js'
import { closedLoop, type LoadResult, openLoop } from './gateway/load.js'
import { RawMcpClient } from './gateway/raw-mcp-client.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// A tools/call straight to an upstream MCP server, and the same call through one Warden instance (MCP over
// Streamable HTTP in, the full pipeline of examples/warden.yaml, output guardrails, the durable SQLite audit
// log with an intent record before and an outcome record after each call, MCP over HTTP out to the same
// upstream), in the same run. Three processes: this one (the load generator: raw JSON-RPC POSTs on keep-alive
// connections), the upstream (bench/gateway/upstream-process.ts) and Warden (bench/gateway/gateway-process.ts),
// so calls/s and CPU time per call are those of one gateway instance. BENCH_GATEWAY_PROFILE_DIR=dir writes a
// V8 CPU profile of the gateway during the concurrent run, BENCH_GATEWAY_PERF_DIR=dir a Linux perf recording
// (CPU time only; see bench/gateway/perf-shares.ts).
const CONCURRENCY = 16
// One rate this machine's Warden sustains (the added latency unsaturated), then the rate.
const OPEN_RATES = [200, 1_000]
const OPEN_SECONDS = 5
const CLOSED_MS = 5_000
const WARMUP_MS = 4_000
const SEQUENTIAL = 2_000

export const suite: BenchSuite = {
  title: 'tools/call direct to the upstream vs through one Warden process (full pipeline, SQLite audit)',
  async run(): Promise<BenchRow[]> {
    const load = loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')
    // BENCH_GATEWAY_CPUS / BENCH_LOAD_CPUS (taskset lists): Warden on CPUs of its own, the load generator, the
    // upstream and the plain proxy on the others, so Warden's capacity is measured without sharing its cores.
    const gatewayCpus = process.env['BENCH_GATEWAY_CPUS']
    const loadCpus = process.env['BENCH_LOAD_CPUS']
    if (loadCpus !== undefined) pinTo(loadCpus, process.pid)
    const upstream = await startChild(
      './upstream-process.ts',
      loadCpus === undefined ? {} : { cpus: loadCpus },
    )
    const key = newSecret('wdn_agent_')
    const cwd = mkdtempSync(join(tmpdir(), 'warden-bench-gw-'))
    const profileDir = process.env['BENCH_GATEWAY_PROFILE_DIR']
    const perfDir = process.env['BENCH_GATEWAY_PERF_DIR']
    const gateway = await startChild('./gateway-process.ts', {
      cwd,
      ...(gatewayCpus === undefined ? {} : { cpus: gatewayCpus }),
      // --perf-basic-prof: perf names the JavaScript frames (a map file per process in /tmp).
      ...(perfDir === undefined ? {} : { execArgv: ['--perf-basic-prof'] }),
      env: {
        BENCH_GATEWAY_CONFIG: benchConfig(upstream.url, key.hash),
        ...(profileDir === undefined ? {} : { BENCH_GATEWAY_PROFILE_DIR: profileDir }),
      },
    })
    const pinned =
      gatewayCpus === undefined && loadCpus === undefined
        ? ''
        : `; pinned: Warden and the plain proxy on CPUs ${gatewayCpus ?? 'any'}, load generator and upstream on ${loadCpus ?? 'any'}`
    const rows: BenchRow[] = [{ name: `load average at start: ${load}${pinned}`, opsPerSec: 0 }]
    let throughWarden = 0
    try {
      const directClient = await RawMcpClient.open(upstream.url, { connections: 64 })
      const wardenClient = await RawMcpClient.open(`${gateway.url}/mcp`, { connections: 64, key: key.secret })
      // Varied arguments: an agent repeating one identical call is in a loop, and the behavior stage pauses it.
      const args = (i: number) => ({ city: `city-${i % 1_000}` })
      const direct = directClient.caller('get_forecast', args)
      const warden = wardenClient.caller('weather__get_forecast', args)
      let wardenCalls = 0
      const counted = async () => {
        await warden()
        wardenCalls++
      }
      // Warm-up to the steady state: V8 was still optimising functions after 1,000 calls (--trace-opt), so
      // the first measured phase paid for compilation that later ones did not.
      for (let i = 0; i < 500; i++) {
        await direct()
        await counted()
      }
      await closedLoop(direct, CONCURRENCY, WARMUP_MS)
      await closedLoop(counted, CONCURRENCY, WARMUP_MS)

      // (a) One call at a time.
      const seqDirect = await measure('sequential: direct', direct, { iterations: SEQUENTIAL, warmup: 0 })
      const seqWarden = await cpuPerCall(
        gateway,
        () => wardenCalls,
        () => measure('sequential: through Warden', counted, { iterations: SEQUENTIAL, warmup: 0 }),
      )
      rows.push(
        seqDirect,
        withCpu(seqWarden.value, seqWarden.usage),
        added('sequential', seqDirect, seqWarden.value),
      )

      // (b) Open loop at fixed rates.
      const openDirects = new Map<number, LoadResult>()
      for (const rate of OPEN_RATES) {
        const openDirect = await openLoop(direct, rate, OPEN_SECONDS)
        openDirects.set(rate, openDirect)
        const openWarden = await cpuPerCall(
          gateway,
          () => wardenCalls,
          () => openLoop(counted, rate, OPEN_SECONDS),
        )
        rows.push(
          loadRow(`open loop ${rate}/s: direct`, openDirect),
          withCpu(loadRow(`open loop ${rate}/s: through Warden`, openWarden.value), openWarden.usage),
          added(`open loop ${rate}/s`, openDirect, openWarden.value),
        )
      }

      // (c) As many calls as N concurrent clients get through.
      const maxDirect = await closedLoop(direct, CONCURRENCY, CLOSED_MS)
      if (profileDir !== undefined) gateway.profileStart()
      const perf = perfDir === undefined ? undefined : await perfRecord(gateway.pid, perfDir)
      const maxWarden = await cpuPerCall(
        gateway,
        () => wardenCalls,
        () => closedLoop(counted, CONCURRENCY, CLOSED_MS),
      )
      await perf?.stop()
      if (profileDir !== undefined) await gateway.profileStop()
      const ratio = (maxWarden.value.callsPerSec / maxDirect.callsPerSec).toFixed(2)
      rows.push(
        loadRow(`${CONCURRENCY} concurrent clients: direct`, maxDirect),
        withCpu(
          loadRow(`${CONCURRENCY} concurrent clients: through Warden`, maxWarden.value, `${ratio}× direct`),
          maxWarden.usage,
        ),
      )
      throughWarden = wardenCalls
      await directClient.close()
      await wardenClient.close()
      rows.push(...(await plainProxyRows(upstream.url, { seqDirect, openDirects, maxDirect })))
    } finally {
      await gateway.stop()
      await upstream.stop()
    }
    rows.push(auditCheck(join(cwd, '.warden', 'warden.db'), throughWarden))
    return rows
  },
}

/**
 * Linux perf recording CPU-clock samples with call stacks of process `pid` into dir/gateway.perf.data until
 * `stop` (bench/gateway/perf-shares.ts reads it). Fails the run when perf is missing or cannot attach.
 */
async function perfRecord(pid: number, dir: string): Promise<{ stop(): Promise<void> }> {
  const perf = spawn(
    'perf',
    ['record', '-F', '999', '-g', '-e', 'cpu-clock', '-p', String(pid), '-o', join(dir, 'gateway.perf.data')],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  const exited = new Promise<number | null>((resolve, reject) => {
    perf.once('error', reject)
    perf.once('exit', resolve)
  })
  // perf attaches within a few milliseconds; a perf that could not start has exited by then.
  const early = await Promise.race([
    exited,
    new Promise((resolve) => setTimeout(() => resolve('running'), 500)),
  ])
  if (early !== 'running')
    throw new Error(`perf record exited (${String(early)}): is perf installed and allowed?`)
  return {
    async stop() {
      perf.kill('SIGINT')
      await exited
    },
  }
}

/**
 * The floor: the same calls through a plain Node proxy (plain-proxy-process.ts: parse, forward, answer; no
 * checks, no audit), one at a time, at the open-loop rates and with 16 clients, against the direct figures of
 * the same run, so Warden's added latency and CPU time per call have something to stand beside.
 */
async function plainProxyRows(
  upstreamUrl: string,
  direct: { seqDirect: BenchRow; openDirects: ReadonlyMap<number, LoadResult>; maxDirect: LoadResult },
): Promise<BenchRow[]> {
  // On Warden's CPUs when those are set apart: the floor is measured where Warden ran.
  const cpus = process.env['BENCH_GATEWAY_CPUS']
  const proxy = await startChild('./plain-proxy-process.ts', {
    env: { BENCH_UPSTREAM_URL: upstreamUrl },
    ...(cpus === undefined ? {} : { cpus }),
  })
  let client: RawMcpClient | undefined
  const name = 'through a plain Node proxy (no checks, no audit)'
  try {
    client = await RawMcpClient.open(`${proxy.url}/mcp`, { connections: 64 })
    let calls = 0
    const call = client.caller('get_forecast', (i: number) => ({ city: `city-${i % 1_000}` }))
    const counted = async () => {
      await call()
      calls++
    }
    await closedLoop(counted, CONCURRENCY, WARMUP_MS)
    const cpu = (usage: Usage) =>
      `proxy process: ${Math.round(usage.cpuUs)} µs CPU per call (${Math.round(1e6 / usage.cpuUs).toLocaleString('en-US')} calls per CPU-second)`
    const rows: BenchRow[] = []
    const seq = await cpuPerCall(
      proxy,
      () => calls,
      () => measure(`sequential: ${name}`, counted, { iterations: SEQUENTIAL, warmup: 0 }),
    )
    rows.push({ ...seq.value, note: cpu(seq.usage) }, proxyAdded('sequential', direct.seqDirect, seq.value))
    for (const [rate, openDirect] of direct.openDirects) {
      const open = await cpuPerCall(
        proxy,
        () => calls,
        () => openLoop(counted, rate, OPEN_SECONDS),
      )
      rows.push(
        loadRow(`open loop ${rate}/s: ${name}`, open.value, cpu(open.usage)),
        proxyAdded(`open loop ${rate}/s`, openDirect, open.value),
      )
    }
    const max = await cpuPerCall(
      proxy,
      () => calls,
      () => closedLoop(counted, CONCURRENCY, CLOSED_MS),
    )
    const ratio = (max.value.callsPerSec / direct.maxDirect.callsPerSec).toFixed(2)
    rows.push(
      loadRow(`${CONCURRENCY} concurrent clients: ${name}`, max.value, `${ratio}× direct; ${cpu(max.usage)}`),
    )
    return rows
  } finally {
    await client?.close()
    await proxy.stop()
  }
}

function proxyAdded(
  what: string,
  direct: { p50Us?: number; p99Us?: number },
  through: { p50Us?: number; p99Us?: number },
): BenchRow {
  return { ...added(what, direct, through), name: `${what}: added by the plain proxy (through − direct)` }
}

/** Runs `fn` and reports the process's (gateway or plain proxy) CPU time per call made meanwhile, in microseconds. */
async function cpuPerCall<T>(
  child: BenchChild,
  calls: () => number,
  fn: () => Promise<T>,
): Promise<{ value: T; usage: Usage }> {
  const before = await child.usage()
  const calls0 = calls()
  const value = await fn()
  const after = await child.usage()
  const n = Math.max(1, calls() - calls0)
  const transactions = Math.max(1, after.transactions - before.transactions)
  const main =
    after.mainThreadUs === undefined || before.mainThreadUs === undefined
      ? {}
      : { mainThreadUs: (after.mainThreadUs - before.mainThreadUs) / n }
  return {
    value,
    usage: {
      cpuUs: (after.cpuUs - before.cpuUs) / n,
      recordsPerCommit: (after.records - before.records) / transactions,
      ...main,
    },
  }
}

interface Usage {
  readonly cpuUs: number
  readonly recordsPerCommit: number
  /** Of cpuUs, the main thread's (the event loop; the rest is V8's helper threads and the audit writer). */
  readonly mainThreadUs?: number
}

function withCpu(row: BenchRow, { cpuUs, recordsPerCommit, mainThreadUs }: Usage): BenchRow {
  const perCpuSecond = Math.round(1e6 / cpuUs).toLocaleString('en-US')
  const main = mainThreadUs === undefined ? '' : ` (main thread ${Math.round(mainThreadUs)} µs)`
  const note = `Warden process: ${Math.round(cpuUs)} µs CPU per call${main} (${perCpuSecond} calls per CPU-second), ${recordsPerCommit.toFixed(1)} audit records per commit`
  return { ...row, note: row.note === undefined ? note : `${row.note}; ${note}` }
}

function loadRow(name: string, r: LoadResult, note?: string): BenchRow {
  const lag =
    r.maxLagMs === undefined ? '' : `, generator at most ${r.maxLagMs.toFixed(1)} ms behind schedule`
  const text = `${r.calls} calls${lag}`
  return {
    name,
    opsPerSec: r.callsPerSec,
    p50Us: r.p50Us,
    p99Us: r.p99Us,
    note: note === undefined ? text : `${note}; ${text}`,
  }
}

function added(
  what: string,
  direct: { p50Us?: number; p99Us?: number },
  through: { p50Us?: number; p99Us?: number },
): BenchRow {
  const diff = (a?: number, b?: number) =>
    a === undefined || b === undefined ? 0 : Math.round((b - a) * 100) / 100
  return {
    name: `${what}: added by Warden (through − direct)`,
    opsPerSec: 0,
    p50Us: diff(direct.p50Us, through.p50Us),
    p99Us: diff(direct.p99Us, through.p99Us),
    note: 'latency difference',
  }
}

/** The audit log Warden wrote: one intent and one outcome record per call that went through it. */
function auditCheck(file: string, calls: number): BenchRow {
  const db = new Database(file, { readonly: true })
  try {
    const counts = db.prepare('SELECT phase, count(*) AS n FROM audit_records GROUP BY phase').all() as {
      phase: string
      n: number
    }[]
    const text = counts.map((c) => `${c.phase}: ${c.n}`).join(', ')
    return {
      name: 'audit records written by Warden',
      opsPerSec: 0,
      note: `${text} (${calls} calls through Warden)`,
    }
  } finally {
    db.close()
  }
}
