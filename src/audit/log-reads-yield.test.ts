import { describe, expect, it } from 'vitest'
import { openStore } from '../store/open-store.js'
import type { Store } from '../store/store.js'
import { AuditLog } from './audit-log.js'
import { anEntry } from './test-entry.js'
import { verifyLog } from './verify.js'

// Long reads of the log let other work run between pages: a callback queued with setImmediate before the
// read starts has run by the time the second page is read (a read that never yielded would run it after).
function immediateRanBeforeSecondPage(store: Store): () => boolean | undefined {
  let ran = false
  let seenAtSecond: boolean | undefined
  let pages = 0
  const scan = store.audit.scan.bind(store.audit)
  store.audit.scan = async (fromSeq, limit) => {
    pages++
    if (pages === 2) seenAtSecond = ran
    return scan(fromSeq, limit)
  }
  setImmediate(() => {
    ran = true
  })
  return () => seenAtSecond
}

async function logWith(n: number): Promise<{ store: Store; log: AuditLog }> {
  const store = await openStore('memory:')
  const log = await AuditLog.open(store, { checkpointEvery: 0 })
  for (let i = 0; i < n; i += 500) {
    await Promise.all(
      Array.from({ length: Math.min(500, n - i) }, (_, k) => log.append(anEntry({ actionId: `a${i + k}` }))),
    )
  }
  return { store, log }
}

describe('reading the whole log yields to the event loop between pages', () => {
  it('verify', async () => {
    const { store, log } = await logWith(30)
    const seen = immediateRanBeforeSecondPage(store)
    const report = await verifyLog(store.audit, { publicKey: log.key.publicKey, pageSize: 10 })
    expect(report.ok).toBe(true)
    expect(seen()).toBe(true)
    await log.close()
  })

  it('the checkpoint catch-up of a log with no kept frontier', async () => {
    const { store, log } = await logWith(5_001) // more than one page of 5,000
    await log.close()
    const again = await AuditLog.open(store, { checkpointEvery: 0 })
    const seen = immediateRanBeforeSecondPage(store)
    const checkpoint = await again.checkpoint()
    expect(checkpoint.size).toBe(5_001)
    expect(seen()).toBe(true)
    await again.close()
  })
})
