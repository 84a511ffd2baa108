import { readFileSync } from 'node:fs'
import { partOf } from './cpu-parts.js'

// Where a CPU profile's busy time goes, by the part of Warden (or the library) each sample belongs to:
// `npx tsx bench/gateway/profile-shares.ts dir/gateway-<time>.cpuprofile` on a profile written by
// `BENCH_GATEWAY_PROFILE_DIR=dir npx tsx bench/run.ts gateway`. A sample counts for the nearest frame, from the
// sampled one up its stack, whose function or file matches a part below; native socket writes and
// postMessage are named by the leaf. Shares are of the busy time (idle samples left out).
//
// Caution: V8's sampler takes wall-clock ticks, so time the thread spent descheduled counts for wherever it
// stopped. On a loaded machine it is mostly preempted in syscalls that wake another process or thread
// (socket writes, postMessage), which this therefore overstates; perf-shares.ts counts CPU time only.

interface ProfileNode {
  readonly id: number
  readonly callFrame: { readonly functionName: string; readonly url: string }
  readonly children?: readonly number[]
}
interface Profile {
  readonly nodes: readonly ProfileNode[]
  readonly samples: readonly number[]
  readonly timeDeltas: readonly number[]
}

const file = process.argv[2]
if (file === undefined) throw new Error('usage: profile-shares.ts <file.cpuprofile>')
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parentOf = new Map<number, number>()
for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id)
const frameOf = (n: ProfileNode) => `${n.callFrame.functionName} ${n.callFrame.url}`
const shares = new Map<string, number>()
profile.samples.forEach((id, i) => {
  const frames: string[] = []
  for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
    const node = byId.get(at)
    if (node !== undefined) frames.push(frameOf(node))
  }
  const part = partOf(frames)
  shares.set(part, (shares.get(part) ?? 0) + (profile.timeDeltas[i] ?? 0))
})
const idle = shares.get('idle') ?? 0
shares.delete('idle')
const busy = [...shares.values()].reduce((a, b) => a + b, 0)
console.log(`busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`)
for (const [part, us] of [...shares].sort((a, b) => b[1] - a[1]))
  console.log(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${part}`)
