import { checkFileAccess, compileFilesPolicy, type FileOperation } from '../src/policy/files/files-policy.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// checkFileAccess decisions per second on the seed's permissions plus a few wildcard globs, for allowed
// paths, ordinary denials, and attacks refused by the canonicaliser (encodings, look-alikes, traversal).
const policy = compileFilesPolicy(
  {
    read: ['/data/public/**', '/data/reports/**', '/data/*/shared/*.csv', '/data/inbox/*'],
    write: ['/data/outputs/**'],
    delete: [],
  },
  ['agents', 'bench', 'permissions', 'files'],
)

const ALLOWED: readonly [FileOperation, string][] = [
  ['read', '/data/public/report.v2.final.txt'],
  ['read', '/data/reports/2026/11/q3-summary.csv'],
  ['read', '/data/public/café/日本.txt'],
  ['read', '/data/public/report%20final.pdf'],
  ['read', '/data/public/sub/../b.txt'],
  ['list', '/data/public/sub'],
  ['write', '/data/outputs/run-42/result.json'],
  ['read', '/data/acme/shared/table.csv'],
]
const DENIED: readonly [FileOperation, string][] = [
  ['read', '/etc/passwd'],
  ['delete', '/data/outputs/run-42/result.json'],
  ['read', '/data/public/../../etc/shadow'],
  ['read', '/data/public/%252e%252e/%252e%252e/etc/passwd'],
  ['read', '/data/public/..%c0%af..%c0%afetc/passwd'],
  ['read', '/data/public/\uff0e\uff0e\uff0fsecret'],
  ['read', '\\..\\..\\WINDOWS\\win.ini'],
  ['list', '/data'],
]
const MIXED = [...ALLOWED, ...DENIED]

// Worst cases: 4 KB paths crafted against globs with several `**` and `*` (bounded by segment matching).
const heavy = compileFilesPolicy(
  { read: ['/data/**/x/**/y/**/z.txt', '/data/**/*a*b', '/data/**/*a*/**/*b*/**/c'], write: [], delete: [] },
  ['agents', 'bench-heavy', 'permissions', 'files'],
)
const CRAFTED = [
  `/data/${'a/'.repeat(2040)}`,
  `/data/${'x/y/'.repeat(1020)}q`,
  `/data/${'ab/'.repeat(1300)}c`,
]

function run(cases: readonly [FileOperation, string][]): (i: number) => unknown {
  return (i) => {
    const [op, path] = cases[i % cases.length] as [FileOperation, string]
    return checkFileAccess(policy, op, path)
  }
}

export const suite: BenchSuite = {
  title: 'files boundary: checkFileAccess',
  async run(): Promise<readonly BenchRow[]> {
    return [
      await measure('mixed (8 allowed, 8 denied)', run(MIXED), { iterations: 200_000 }),
      await measure('allowed only', run(ALLOWED), { iterations: 100_000 }),
      await measure('denied only', run(DENIED), { iterations: 100_000 }),
      await measure(
        'crafted 4 KB paths, multi-** globs',
        (i) => checkFileAccess(heavy, 'read', CRAFTED[i % 3]),
        {
          iterations: 2_000,
          warmup: 200,
          note: 'worst case, not typical traffic',
        },
      ),
    ]
  },
}
