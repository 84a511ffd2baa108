import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { AuditLog } from '../../src/audit/audit-log.js'
import { interruptedIntents } from '../../src/audit/query-records.js'
import { anEntry } from '../../src/audit/test-entry.js'
import { verifyLog } from '../../src/audit/verify.js'
import { openStore } from '../../src/store/open-store.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-crash-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

interface Ack {
  readonly phase: string
  readonly actionId: string
  readonly seq: number
  readonly leafHash: string
}

/** Runs the writer until it has acknowledged `atLeast` appends, then SIGKILLs it mid-flight. */
function runAndKill(path: string, atLeast: number): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'crash-writer.ts'), path],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    const acks: Ack[] = []
    let buffered = ''
    let err = ''
    let killed = false
    child.stderr.on('data', (c) => (err += c))
    child.stdout.on('data', (chunk) => {
      buffered += chunk
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const [, phase, actionId, seq, leafHash] = line.split(' ')
        acks.push({
          phase: phase as string,
          actionId: actionId as string,
          seq: Number(seq),
          leafHash: leafHash as string,
        })
      }
      if (!killed && acks.length >= atLeast) {
        killed = true
        child.kill('SIGKILL')
      }
    })
    child.on('exit', (_code, signal) => {
      if (signal === 'SIGKILL') resolve(acks)
      else reject(new Error(`writer exited on its own: ${err}`))
    })
  })
}

describe('crash safety (SIGKILL under load)', () => {
  it('keeps every acknowledged append, verifies after restart, and reports unfinished intents as interrupted', async () => {
    const path = join(dir, 'warden.db')
    const acks = await runAndKill(path, 3_000)
    const store = await openStore(`sqlite:${path}`)
    const log = await AuditLog.open(store)
    const report = await verifyLog(store.audit, { publicKey: log.key.publicKey })
    expect(report.problems).toEqual([])
    expect(report.records).toBeGreaterThanOrEqual(acks.length)
    for (const ack of acks) {
      const [row] = await store.audit.scan(ack.seq, 1)
      expect(row?.seq).toBe(ack.seq)
      expect(row?.leafHash).toBe(ack.leafHash)
    }
    const interrupted = await interruptedIntents(store.audit)
    const ackedOutcomes = new Set(acks.filter((a) => a.phase === 'outcome').map((a) => a.actionId))
    // w0-0 is the long-running call the writer had in flight (crash-writer.ts); others depend on timing.
    expect(acks.some((a) => a.actionId === 'w0-0' && a.phase === 'intent')).toBe(true)
    expect(interrupted.map((i) => i.actionId)).toContain('w0-0')
    for (const intent of interrupted) expect(ackedOutcomes.has(intent.actionId)).toBe(false)
    // Service resumes on the same file: the next append continues the chain and still verifies.
    const first = 'w0-0'
    const next = await log.append(
      anEntry({ phase: 'outcome', actionId: first, success: false, errorDetails: 'interrupted' }),
    )
    expect(next.seq).toBe(report.records)
    expect((await verifyLog(store.audit, { publicKey: log.key.publicKey })).ok).toBe(true)
    await store.close()
  })
})
