import { readFileSync } from 'node:fs'
import { partOf } from './cpu-parts.js'

// Where the Warden process's CPU time goes, from Linux perf stacks (CPU-clock samples: only time on a CPU
// counts, unlike V8's wall-clock profile):
// `perf script -F +pid -i dir/gateway.perf.data > dir/gateway.perf.txt` on the recording
// `BENCH_GATEWAY_PERF_DIR=dir npx tsx bench/run.ts gateway` makes (the 16-client phase, the gateway started
// with --perf-basic-prof so JavaScript frames have names), then
// `npx tsx bench/gateway/perf-shares.ts dir/gateway.perf.txt`. Each sample is put in a thread (the event loop,
// the audit writer, V8's helper threads) and, on the event loop, in the part of Warden its stack shows
// (cpu-parts.ts; native socket writes, postMessage and garbage collection by the nearest native frame).
// Shares are of all the process's samples. `-F +pid` matters: without it perf prints only the thread id,
// every thread would count as the event loop, so samplesOf refuses such text.

interface Sample {
  readonly pid: number
  readonly tid: number
  readonly frames: readonly string[]
}

/**
 * `perf script -F +pid` text: a header line per sample (`comm pid/tid time: period event:`), then its frames.
 * Throws when no header carries `pid/tid`: plain `perf script` prints only the thread id, which would put
 * every thread on the event loop.
 */
function samplesOf(text: string): Sample[] {
  const samples: Sample[] = []
  let withPid = 0
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n').filter((l) => l.trim() !== '')
    const header = lines[0]
    if (header === undefined) continue
    const ids = /^\S+\s+(\d+)(?:\/(\d+))?\s/.exec(header)
    if (ids === null) continue
    const pid = Number(ids[1])
    if (ids[2] !== undefined) withPid++
    const tid = ids[2] === undefined ? pid : Number(ids[2])
    // A frame line: address, symbol (+offset), (dso). The symbol is what the parts match.
    const frames = lines.slice(1).map((l) =>
      l
        .trim()
        .replace(/^[0-9a-f]+\s+/, '')
        .replace(/\+0x[0-9a-f]+ \(.*\)$/, ''),
    )
    samples.push({ pid, tid, frames })
  }
  if (withPid === 0)
    throw new Error(
      'no sample header carries pid/tid: make the text with `perf script -F +pid -i <perf.data>` (without -F +pid every thread counts as the event loop)',
    )
  return samples
}

const NATIVE: readonly (readonly [string, RegExp])[] = [
  ['socket writes', /StreamBase::Writev|LibuvStreamWrap::DoTryWrite|uv__write|uv_try_write/],
  ['handing commits to the writer thread', /MessagePort::PostMessage/],
  [
    'garbage collection',
    /v8::internal::(Heap::|Scavenger|ScavengerCollector|MarkCompact|MinorMarkSweep|ConcurrentMarking|.*Sweeper)/,
  ],
]

function threadOf(sample: Sample): string {
  if (sample.frames.some((f) => f.includes('sqlite-audit-writer'))) return 'audit writer thread'
  if (sample.tid === sample.pid) return 'event loop'
  if (sample.frames.some((f) => /compiler::|Compile/.test(f))) return 'V8 helper threads: compiling'
  if (sample.frames.some((f) => /Heap|Scavenge|Mark|Sweep|GC/.test(f)))
    return 'V8 helper threads: garbage collection'
  return 'other threads'
}

function mainPartOf(frames: readonly string[]): string {
  // A native marker below the first JavaScript frame (`JS:` names from --perf-basic-prof) decides; else the
  // JavaScript frames, by cpu-parts.ts.
  for (const frame of frames) {
    if (frame.startsWith('JS:')) break
    for (const [part, pattern] of NATIVE) if (pattern.test(frame)) return part
  }
  return partOf(frames)
}

const file = process.argv[2]
if (file === undefined) throw new Error('usage: perf-shares.ts <perf script output>')
const samples = samplesOf(readFileSync(file, 'utf8'))
// The gateway is the process with the most samples (perf recorded only it; a stray other pid is left out).
const byPid = new Map<number, number>()
for (const s of samples) byPid.set(s.pid, (byPid.get(s.pid) ?? 0) + 1)
const pid = [...byPid].sort((a, b) => b[1] - a[1])[0]?.[0]
const mine = samples.filter((s) => s.pid === pid)
const shares = new Map<string, number>()
for (const s of mine) {
  const thread = threadOf(s)
  const key = thread === 'event loop' ? `event loop: ${mainPartOf(s.frames)}` : thread
  shares.set(key, (shares.get(key) ?? 0) + 1)
}
console.log(`${mine.length} samples of process ${pid}`)
for (const [part, n] of [...shares].sort((a, b) => b[1] - a[1]))
  console.log(`${((100 * n) / mine.length).toFixed(1).padStart(5)}%  ${part}`)
