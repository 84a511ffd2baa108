import { describe, expect, it } from 'vitest'
import type { WardenError } from '../errors/warden-error.js'
import { openStore } from '../store/open-store.js'
import { AuditLog } from './audit-log.js'
import { decodeRecord } from './record.js'
import { anEntry } from './test-entry.js'

describe('AuditLog.enqueue (outcomes written without holding the answer)', () => {
  it('writes enqueued records in order behind awaited ones, and close() waits for them', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    const intent = log.append(anEntry({ phase: 'intent', actionId: 'a1' }))
    log.enqueue(anEntry({ phase: 'outcome', actionId: 'a1' }))
    log.enqueue(anEntry({ phase: 'outcome', actionId: 'a2' }))
    await intent
    await log.close()
    const rows = await store.audit.scan(0, 10)
    expect(rows.map((r) => decodeRecord(r.body).actionId)).toEqual(['a1', 'a1', 'a2'])
    expect(rows.map((r) => decodeRecord(r.body).phase)).toEqual(['intent', 'outcome', 'outcome'])
    expect(log.lost).toBe(0)
  })

  it('counts and reports a record the store did not take, without throwing to the caller', async () => {
    const store = await openStore('memory:')
    const reported: Array<{ code: string; actionId: string }> = []
    const log = await AuditLog.open(store, {
      onLost: (error: WardenError, entry) => reported.push({ code: error.code, actionId: entry.actionId }),
    })
    Object.assign(store.audit, { append: async () => Promise.reject(new Error('disk full')) })
    expect(() => log.enqueue(anEntry({ phase: 'outcome', actionId: 'lost-1' }))).not.toThrow()
    await log.close()
    await new Promise((r) => setImmediate(r))
    expect(log.lost).toBe(1)
    expect(reported).toEqual([{ code: 'AUDIT_UNAVAILABLE', actionId: 'lost-1' }])
  })

  it('counts a record enqueued after close as lost', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store, { onLost: () => undefined })
    await log.close()
    log.enqueue(anEntry({ phase: 'outcome' }))
    await new Promise((r) => setImmediate(r))
    expect(log.lost).toBe(1)
    expect(await store.audit.count()).toBe(0)
  })
})

describe('AuditLog.enqueue window (an outcome waits briefly for the next commit)', () => {
  // Each store append is one transaction: what it was handed is what one commit held.
  async function countingLog(options: { enqueueWindowMs?: number } = {}) {
    const store = await openStore('memory:')
    const commits: number[] = []
    const append = store.audit.append.bind(store.audit)
    store.audit.append = async (build) => {
      const rows = await append(build)
      commits.push(rows.length)
      return rows
    }
    return { store, commits, log: await AuditLog.open(store, options) }
  }

  it('commits an outcome with the next intent when that comes within the window', async () => {
    const { store, commits, log } = await countingLog({ enqueueWindowMs: 1_000 })
    await log.append(anEntry({ phase: 'intent', actionId: 'a1' }))
    log.enqueue(anEntry({ phase: 'outcome', actionId: 'a1' }))
    await new Promise((r) => setTimeout(r, 5))
    expect(commits).toEqual([1]) // the outcome waits
    await log.append(anEntry({ phase: 'intent', actionId: 'a2' }))
    expect(commits).toEqual([1, 2]) // and goes with the next intent, in order
    const rows = await store.audit.scan(0, 10)
    expect(rows.map((r) => decodeRecord(r.body).phase)).toEqual(['intent', 'outcome', 'intent'])
    await log.close()
  })

  it('commits an outcome on its own once the window has passed', async () => {
    const { store, commits, log } = await countingLog({ enqueueWindowMs: 5 })
    log.enqueue(anEntry({ phase: 'outcome', actionId: 'a1' }))
    const deadline = Date.now() + 2_000
    while ((await store.audit.count()) === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 2))
    expect(await store.audit.count()).toBe(1)
    expect(commits).toEqual([1])
    await log.close()
  })

  it('commits a waiting outcome at close without waiting out the window', async () => {
    const { store, log } = await countingLog({ enqueueWindowMs: 60_000 })
    log.enqueue(anEntry({ phase: 'outcome', actionId: 'a1' }))
    await log.close() // would hang for a minute if close waited for the timer
    expect(await store.audit.count()).toBe(1)
  })

  it('counts a waiting outcome as lost when the commit it rides with fails, and the intent is refused', async () => {
    const store = await openStore('memory:')
    const lost: string[] = []
    const log = await AuditLog.open(store, {
      enqueueWindowMs: 1_000,
      onLost: (_e, entry) => lost.push(entry.actionId),
    })
    log.enqueue(anEntry({ phase: 'outcome', actionId: 'a1' }))
    Object.assign(store.audit, { append: async () => Promise.reject(new Error('disk full')) })
    await expect(log.append(anEntry({ phase: 'intent', actionId: 'a2' }))).rejects.toMatchObject({
      code: 'AUDIT_UNAVAILABLE',
    })
    await new Promise((r) => setImmediate(r))
    expect(lost).toEqual(['a1'])
    expect(log.lost).toBe(1)
    await log.close()
  })

  it('commits at once with a window of 0', async () => {
    const { store, log } = await countingLog({ enqueueWindowMs: 0 })
    log.enqueue(anEntry({ phase: 'outcome', actionId: 'a1' }))
    await new Promise((r) => setImmediate(r))
    await new Promise((r) => setImmediate(r))
    expect(await store.audit.count()).toBe(1)
    await log.close()
  })
})

describe('AuditLog redactedOutputs (the output stage scan reused)', () => {
  const entry = anEntry({
    phase: 'outcome',
    outputs: { result: { text: 'raw bob@example.org' }, guardrails: { findings: 1 } },
    redactedOutputs: () => ({ result: { text: 'from the stage [REDACTED:EMAIL_ADDRESS]' } }),
  })

  it('keeps the given members under the default redactor and redacts the others', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store)
    await log.append(entry)
    const [row] = await store.audit.scan(0, 1)
    const record = decodeRecord(row?.body ?? '')
    expect(record.outputs).toEqual({
      result: { text: 'from the stage [REDACTED:EMAIL_ADDRESS]' },
      guardrails: { findings: 1 },
    })
    expect(row?.body).not.toContain('redactedOutputs')
    expect(record.outputsDigest?.bytes).toBeGreaterThan(0)
  })

  it('ignores them under a custom redactor, which must see everything', async () => {
    const store = await openStore('memory:')
    const log = await AuditLog.open(store, { redact: () => ({ custom: true }) })
    await log.append(entry)
    const [row] = await store.audit.scan(0, 1)
    expect(decodeRecord(row?.body ?? '').outputs).toEqual({ custom: true })
  })

  it('ignores them in full and hashes mode', async () => {
    const store = await openStore('memory:')
    await (await AuditLog.open(store, { capture: 'full' })).append(entry)
    await (await AuditLog.open(store, { capture: 'hashes' })).append(entry)
    const rows = await store.audit.scan(0, 2)
    expect(decodeRecord(rows[0]?.body ?? '').outputs).toEqual(entry.outputs)
    expect(decodeRecord(rows[1]?.body ?? '').outputs).toBeNull()
  })
})

describe('AuditLog capture memo (intent and outcome share inputs and trace)', () => {
  it('redacts an inputs object and a trace once per log, and stores the same capture in both records', async () => {
    const store = await openStore('memory:')
    const seen: unknown[] = []
    const log = await AuditLog.open(store, {
      redact: (value) => {
        seen.push(value)
        return { redacted: Object.keys(value).length }
      },
    })
    const shared = anEntry({ phase: 'intent' })
    await log.append(shared)
    await log.append({ ...shared, phase: 'outcome', outputs: { result: 'r' } })
    await log.append(anEntry({ phase: 'intent', actionId: 'other' })) // new objects: captured afresh
    const inputsSeen = seen.filter((v) => v === shared.inputs).length
    expect(inputsSeen).toBe(1)
    const rows = await store.audit.scan(0, 3)
    const [intent, outcome, other] = rows.map((r) => decodeRecord(r.body))
    expect(outcome?.inputs).toEqual(intent?.inputs)
    expect(outcome?.inputsDigest).toEqual(intent?.inputsDigest)
    expect(outcome?.trace).toEqual(intent?.trace)
    expect(other?.inputsDigest).toEqual(intent?.inputsDigest)
    // shared: inputs and the trace's args once each; the outcome's outputs; other: its inputs and trace args.
    expect(seen).toHaveLength(5)
  })
})
