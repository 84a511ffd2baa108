import { readFileSync } from 'node:fs'

// Where a CPU profile's busy time goes, by the part of Warden (or the library) each sample belongs to:
// `npx tsx bench/gateway/profile-shares.ts dir/gateway-<time>.cpuprofile` on a profile written by
// `BENCH_GATEWAY_PROFILE_DIR=dir npx tsx bench/run.ts gateway`. A sample counts for the nearest frame, from the
// sampled one up its stack, whose function or file matches a part below; native socket writes and
// postMessage are named by the leaf. Shares are of the busy time (idle samples left out).

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

const PARTS: readonly (readonly [string, RegExp])[] = [
  ['idle', /^\(idle\)/],
  ['garbage collection', /^\(garbage collector\)/],
  ['audit records and store', /src\/(audit|store)\/|lib\/sqlite/],
  ['output guardrails', /src\/guardrails\/(output|spotlight)\/|src\/gateway\/output-filter/],
  ['injection scoring and input guardrails', /src\/guardrails\/(input|stages)\//],
  ['decision stages', /src\/(core|policy|behavior|risk|escalation|killswitch|flow|engine|approvals)\//],
  ['upstream call', /src\/gateway\/upstreams\/|undici|eventsource/],
  ['gateway glue', /src\/gateway\//],
  ['zod', /node_modules\/zod/],
  ['MCP SDK', /@modelcontextprotocol/],
  ['Hono', /node_modules\/(hono|@hono)/],
  [
    'Node HTTP and streams',
    /node:_http|node:net|node:internal\/(streams|webstreams|http)|stream_base|node:events/,
  ],
  ['hashing', /crypto|^Hash |oneShotDigest|digest/],
]

function partOf(frames: readonly string[]): string {
  const leaf = frames[0] ?? ''
  if (/^(writev|writeUtf8String|writeBuffer) /.test(leaf)) return 'socket writes'
  if (/^postMessage /.test(leaf)) return 'handing commits to the writer thread'
  for (const frame of frames) for (const [part, pattern] of PARTS) if (pattern.test(frame)) return part
  return 'other'
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
