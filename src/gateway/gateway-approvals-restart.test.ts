import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { ensureDemoSandbox } from '../tools/demo-sandbox.js'
import { Gateway } from './gateway.js'
import type { ToolResult } from './tool-source.js'

// Issue 6: pending approvals survive a restart of the gateway; the retry after it proceeds exactly once.
const loaded = () =>
  parseConfig(`
agents:
  ops: { permissions: { tools: { allow: [payments.transfer] } } }
escalationRules:
  - { condition: 'transaction.amount > 10000', action: requireApproval }
governed:
  payments: { ledger: 'sqlite:./sandbox/ledger.db' }
store: 'sqlite:.warden/warden.db'
`)

const transfer = (gateway: Gateway): Promise<ToolResult> =>
  gateway.callTool(
    {
      agentId: 'ops',
      sessionId: 's1',
      tool: 'payments.transfer',
      args: { to: 'Restart GmbH', amount: 50_000, currency: 'EUR' },
    },
    { signal: new AbortController().signal },
  )

const info = (r: ToolResult) => r.structuredContent as { code?: string; approvalId?: string }

describe('approvals across a gateway restart', () => {
  it('keeps the pending request, and the retry after approval runs the transfer exactly once', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'warden-approvals-restart-'))
    ensureDemoSandbox(cwd)
    const first = await Gateway.open({ loaded: loaded(), cwd, env: {} })
    const held = await transfer(first)
    const id = info(held).approvalId as string
    expect(info(held).code).toBe('APPROVAL_PENDING')
    await first.close()

    const second = await Gateway.open({ loaded: loaded(), cwd, env: {} })
    try {
      expect((await second.approvals.list({ status: 'pending' })).map((r) => r.id)).toEqual([id])
      expect(info(await transfer(second))).toMatchObject({ code: 'APPROVAL_PENDING', approvalId: id })
      await second.approvals.decide(id, 'alice', 'approve', 'checked after the restart')
      expect((await transfer(second)).isError).not.toBe(true)
      expect(info(await transfer(second)).code).toBe('APPROVAL_PENDING')
    } finally {
      await second.close()
    }
    const db = new Database(join(cwd, 'sandbox', 'ledger.db'), { readonly: true })
    const n = db.prepare("SELECT count(*) AS n FROM transfers WHERE to_account = 'Restart GmbH'").get() as {
      n: number
    }
    db.close()
    expect(n.n).toBe(1)
  })
})
