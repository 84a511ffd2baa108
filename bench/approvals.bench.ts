import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionHash } from '../src/approvals/action-hash.js'
import { ApprovalService } from '../src/approvals/approval-service.js'
import { type ApprovalStore, MemoryApprovalStore } from '../src/approvals/approval-store.js'
import { approvalsConfig } from '../src/approvals/config-schema.js'
import type { Action } from '../src/core/action.js'
import type { Evaluation } from '../src/core/pipeline.js'
import { openStore } from '../src/store/open-store.js'
import { type BenchRow, type BenchSuite, measure } from './harness.js'

// What an approval costs the call path: the hash every gated call computes, a retry that finds its
// request still pending, and the full cycle (file → approve → retry consumes) on memory and SQLite.
const transfer = (i: number): Action => ({
  agent: 'payer',
  session: 's1',
  tool: 'payments.transfer',
  args: { to: `acct-${i}`, amount: 50_000, currency: 'EUR', memo: 'invoice 2026-11 consulting' },
})
const evaluation = (action: Action): Evaluation => ({
  decision: 'approve',
  risk: 'high',
  reasons: [{ stage: 'escalation', code: 'ESCALATION_RULE', message: 'transaction.amount > 10000' }],
  trace: [],
  action,
  rewritten: false,
  facts: {},
})
const config = approvalsConfig({
  groups: { finance: ['alice', 'bob'] },
  routes: [{ tool: 'payments.*', group: 'finance' }],
})

async function cycle(store: ApprovalStore, name: string, iterations: number): Promise<BenchRow> {
  const service = new ApprovalService({ store, config })
  return measure(
    name,
    async (i) => {
      const action = transfer(i)
      const held = await service.gate(action, evaluation(action))
      if (held.proceed) throw new Error('expected a pending approval')
      await service.decide(held.approvalId, 'alice', 'approve', 'ok')
      if (!(await service.gate(action, evaluation(action))).proceed) throw new Error('expected to proceed')
    },
    { iterations, warmup: 200, note: 'gate (file) + decide + gate (consume)' },
  )
}

export const suite: BenchSuite = {
  title: 'approvals',
  async run() {
    const rows: BenchRow[] = []
    rows.push(await measure('actionHash (transfer)', (i) => actionHash(transfer(i))))
    const service = new ApprovalService({ store: new MemoryApprovalStore(), config })
    const pending = transfer(-1)
    await service.gate(pending, evaluation(pending))
    rows.push(
      await measure(
        'gate: retry of a pending request (memory)',
        () => service.gate(pending, evaluation(pending)),
        {
          iterations: 20_000,
        },
      ),
    )
    rows.push(await cycle(new MemoryApprovalStore(), 'approval cycle (memory)', 5_000))
    const dir = mkdtempSync(join(tmpdir(), 'warden-bench-approvals-'))
    const store = await openStore(`sqlite:${join(dir, 'warden.db')}`)
    try {
      rows.push(await cycle(store.approvals, 'approval cycle (SQLite, synchronous=FULL)', 500))
    } finally {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    }
    return rows
  },
}
