/**
 * Child process of crash.test.ts: appends intent/outcome pairs under load to the SQLite store named in
 * argv[2] and prints `ack <phase> <actionId> <seq> <leafHash>` for each acknowledged append, until killed.
 * Worker 0 stands for a long-running tool call: after its first intent it waits far longer than the test
 * runs, so at the kill at least one acknowledged intent (`w0-0`) certainly has no outcome. The other workers
 * run in lockstep batches, so whether one of theirs is unfinished at the kill is down to timing.
 */
import { AuditLog } from '../../src/audit/audit-log.js'
import { anEntry } from '../../src/audit/test-entry.js'
import { openStore } from '../../src/store/open-store.js'

const path = process.argv[2]
if (path === undefined) throw new Error('usage: crash-writer.ts DBPATH')
const store = await openStore(`sqlite:${path}`)
const log = await AuditLog.open(store, { checkpointEvery: 500 })

async function worker(id: number): Promise<never> {
  for (let i = 0; ; i++) {
    const actionId = `w${id}-${i}`
    const intent = await log.append(anEntry({ phase: 'intent', actionId }))
    process.stdout.write(`ack intent ${actionId} ${intent.seq} ${intent.leafHash}\n`)
    if (id === 0) await new Promise((r) => setTimeout(r, 10 * 60_000))
    const outcome = await log.append(
      anEntry({ phase: 'outcome', actionId, success: true, outputs: { n: i } }),
    )
    process.stdout.write(`ack outcome ${actionId} ${outcome.seq} ${outcome.leafHash}\n`)
  }
}

await Promise.all(Array.from({ length: 64 }, (_, id) => worker(id)))
