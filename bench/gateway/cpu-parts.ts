// The parts of Warden (and of the libraries it runs on) that CPU samples are counted for, shared by
// profile-shares.ts (V8 CPU profiles) and perf-shares.ts (Linux perf stacks). A sample counts for the nearest
// frame, from the sampled one up its stack, whose function or file matches a part; native socket writes and
// postMessage are named by the leaf.

export const PARTS: readonly (readonly [string, RegExp])[] = [
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

export function partOf(frames: readonly string[]): string {
  const leaf = frames[0] ?? ''
  if (/^(writev|writeUtf8String|writeBuffer) /.test(leaf)) return 'socket writes'
  if (/^postMessage /.test(leaf)) return 'handing commits to the writer thread'
  for (const frame of frames) for (const [part, pattern] of PARTS) if (pattern.test(frame)) return part
  return 'other'
}
