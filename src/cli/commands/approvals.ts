import { APPROVAL_STATUSES, type ApprovalStatus } from '../../approvals/approval.js'
import { ApprovalService } from '../../approvals/approval-service.js'
import { approvalSettings } from '../../approvals/from-config.js'
import { AuditLog } from '../../audit/audit-log.js'
import { auditLogOptionsFor } from '../../audit/commands/audit-context.js'
import { WardenError } from '../../errors/warden-error.js'
import { approvalAuditEntry } from '../../gateway/approval-audit.js'
import { openStore } from '../../store/open-store.js'
import { parseOptions } from '../args.js'
import { busUrlOf, loadCliConfig, storeUrlOf } from '../config-option.js'
import { type CliIO, EXIT, write } from '../io.js'

const USAGE =
  'usage: warden approvals list [--status pending|approved|denied|expired|consumed] [--store URL] [--bus URL]\n' +
  '       warden approvals approve|deny ID --reason TEXT --as NAME [--store URL] [--bus URL]\n' +
  '--bus is checked but unused: gateways read decisions from the store, on the agent’s retry.'

/**
 * `warden approvals list` prints one request per line (newest first; pending by default);
 * `warden approvals approve|deny ID --reason TEXT --as NAME` records a decision in the configured store,
 * under the same rules as the API: quorum of distinct approvers, no approving your own agent, the routed
 * group only. The agent's next retry of the same action proceeds, or receives the reason.
 */
export async function approvalsCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      status: { type: 'string' },
      reason: { type: 'string' },
      as: { type: 'string' },
      store: { type: 'string' },
      bus: { type: 'string' },
    },
    true,
  )
  const [verb, id, ...extra] = positionals
  const listing = verb === 'list' && id === undefined
  const deciding = (verb === 'approve' || verb === 'deny') && id !== undefined
  if ((!listing && !deciding) || extra.length > 0) throw new WardenError('USAGE', USAGE)
  if (deciding && (values.reason === undefined || values.as === undefined)) {
    throw new WardenError('USAGE', `--reason and --as are required\n${USAGE}`)
  }
  const status = values.status ?? 'pending'
  if (!(APPROVAL_STATUSES as readonly string[]).includes(status)) {
    throw new WardenError('USAGE', `--status is one of ${APPROVAL_STATUSES.join(', ')}`)
  }
  const loaded = loadCliConfig(values, io)
  // No gateway subscribes to approval events: the agent's retry finds the decision in the shared store.
  busUrlOf(values, loaded)
  const store = await openStore(storeUrlOf(values, loaded), { cwd: io.cwd })
  try {
    if (listing) {
      const service = new ApprovalService({ store: store.approvals, ...approvalSettings(loaded.config) })
      for (const request of await service.list({ status: status as ApprovalStatus })) {
        await write(io.stdout, `${JSON.stringify(request)}\n`)
      }
      return EXIT.ok
    }
    // Every vote and its reasoning goes to the audit log, as over the API; a failed audit write fails the vote.
    const log = await AuditLog.open(store, auditLogOptionsFor(loaded.config, store, io.cwd))
    try {
      const service = new ApprovalService({
        store: store.approvals,
        ...approvalSettings(loaded.config),
        audit: (event) => log.append(approvalAuditEntry(event)).then(() => undefined),
      })
      const decided = await service.decide(
        id as string,
        values.as as string,
        verb as 'approve' | 'deny',
        values.reason as string,
      )
      await write(io.stdout, `${JSON.stringify(decided)}\n`)
      return EXIT.ok
    } finally {
      await log.close()
    }
  } finally {
    await store.close()
  }
}
