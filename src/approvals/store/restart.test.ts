import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { openStore } from '../../store/open-store.js'
import { aService, evaluated, transfer } from '../test-service.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-approvals-restart-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('approvals across a restart (the SQLite store)', () => {
  it('keeps a pending request: approved after reopening, the retry proceeds exactly once', async () => {
    const file = join(dir, 'warden.db')
    const first = await openStore(`sqlite:${file}`)
    const before = aService({ store: first.approvals })
    const held = await before.service.gate(transfer, evaluated('approve'))
    expect(held.proceed).toBe(false)
    await first.close()

    const second = await openStore(`sqlite:${file}`)
    const after = aService({ store: second.approvals })
    const pending = await after.service.list({ status: 'pending' })
    expect(pending.map((r) => r.id)).toEqual([held.proceed ? '' : held.approvalId])
    await after.service.decide(pending[0]?.id ?? '', 'alice', 'approve', 'ok after restart')
    const retries = await Promise.all([1, 2, 3].map(() => after.service.gate(transfer, evaluated('approve'))))
    expect(retries.filter((r) => r.proceed)).toHaveLength(1)
    await second.close()
  })
})
