import { isAbsolute, join, resolve } from 'node:path'
import type { WardenConfig } from '../config/schema.js'
import { WardenError } from '../errors/warden-error.js'
import type { CallOptions, ToolDefinition, ToolResult, ToolSource } from '../gateway/tool-source.js'
import type { AgentPolicy } from '../policy/agent-policy.js'
import { loadSqlParser } from '../policy/database/sql-parser.js'
import type { FileOperation } from '../policy/files/files-policy.js'
import { runDbQuery } from './db/db-query-tool.js'
import { openDatabase } from './db/open-database.js'
import type { SqlDatabase } from './db/sql-database.js'
import { runEmailSend } from './email/email-tool.js'
import { restoreFile } from './files/file-rollback.js'
import { runFilesTool } from './files/files-tools.js'
import { compileMounts, type Mount } from './files/mounts.js'
import { runHttpRequest } from './http/http-request-tool.js'
import { type ResolveHost, systemResolve } from './http/pinned-address.js'
import { type Ledger, openLedger } from './payments/ledger.js'
import { runPaymentTransfer } from './payments/payments-tool.js'
import { SnapshotStore } from './snapshots/snapshot-store.js'
import { GOVERNED_TOOL_DEFINITIONS } from './tool-definitions.js'
import { failure } from './tool-result.js'

/** One thing rollback put back (or could not). */
export interface RollbackStep {
  readonly kind: 'file' | 'rows'
  /** The policy path, or the table. */
  readonly target: string
  /** `restored`, `removed`, `absent already`, `3 rows restored`, or why it failed. */
  readonly outcome: string
}

/** What rollback(actionId) restored, and what it could not. */
export interface RollbackReport {
  readonly actionId: string
  readonly restored: readonly RollbackStep[]
  readonly failed: readonly RollbackStep[]
}

/** Warden's own tools as a ToolSource, plus rollback of what they changed. */
export interface GovernedTools extends ToolSource {
  /** Restores what the action's governed writes changed (files byte-for-byte, rows by primary key). */
  rollback(actionId: string): Promise<RollbackReport>
}

/** What openGovernedTools needs: the `governed` section, the folder it is relative to, the policies. */
export interface GovernedToolsOptions {
  readonly governed: WardenConfig['governed']
  readonly cwd: string
  readonly policyOf: (agentId: string) => AgentPolicy | undefined
  /** Where rollback snapshots live (default `<cwd>/.warden/snapshots`). */
  readonly snapshotsDir?: string
  /** DNS for http.request (default: the system resolver); tests play DNS with it. */
  readonly resolveHost?: ResolveHost
}

/**
 * Opens the governed tools the configuration sets up: files.* need `governed.files`, db.query needs
 * `governed.db`, email.send `governed.email`, payments.transfer `governed.payments`; http.request is
 * always offered (the agent's apis grant decides where it may go). Bad configuration throws here, once.
 *
 * @example
 * const tools = await openGovernedTools({ governed: config.governed, cwd, policyOf: (id) => policy.agents.get(id) })
 * await tools.call('files.read', { path: '/data/public/readme.txt' }, { signal, actionId, agentId: 'reporter' })
 */
export async function openGovernedTools(options: GovernedToolsOptions): Promise<GovernedTools> {
  const { governed, cwd, policyOf } = options
  const mounts: readonly Mount[] | undefined =
    governed.files === undefined ? undefined : compileMounts(governed.files.mounts, cwd)
  let db: SqlDatabase | undefined
  if (governed.db !== undefined) {
    await loadSqlParser()
    db = openDatabase(governed.db.url, cwd)
  }
  const ledger: Ledger | undefined =
    governed.payments === undefined ? undefined : openLedger(governed.payments.ledger, cwd)
  if (governed.email !== undefined && /^[a-z][a-z0-9+.-]*:\/\//i.test(governed.email.outbox)) {
    throw new WardenError(
      'CONFIG_INVALID',
      'governed.email.outbox: a folder is expected (SMTP delivery is not built; messages queue as .eml files)',
    )
  }
  const outbox = governed.email === undefined ? undefined : absolute(governed.email.outbox, cwd)
  const snapshots = new SnapshotStore(options.snapshotsDir ?? join(cwd, '.warden', 'snapshots'))
  const resolveHost = options.resolveHost ?? systemResolve
  const offered = Object.values(GOVERNED_TOOL_DEFINITIONS).filter((d) => {
    const area = d.name.split('.')[0]
    if (area === 'files') return mounts !== undefined
    if (area === 'db') return db !== undefined
    if (area === 'email') return outbox !== undefined
    if (area === 'payments') return ledger !== undefined
    return true
  })
  const names = new Set(offered.map((d) => d.name))

  async function call(
    tool: string,
    args: Readonly<Record<string, unknown>>,
    opts: CallOptions,
  ): Promise<ToolResult> {
    if (!names.has(tool)) return failure('TOOL_NOT_CONFIGURED', `${tool} is not a configured governed tool`)
    if (opts.signal.aborted) return failure('TOOL_CANCELLED', 'the call was cancelled before it ran')
    const extra = unknownArgument(tool, args)
    if (extra !== undefined)
      return failure('TOOL_BAD_ARGUMENTS', `${tool} takes no argument ${JSON.stringify(extra)}`)
    const policy = policyOf(opts.agentId)
    if (policy === undefined) return failure('TOOL_NOT_GRANTED', `no policy for agent ${opts.agentId}`)
    const base = { policy, dryRun: opts.dryRun === true, actionId: opts.actionId, agentId: opts.agentId }
    switch (tool) {
      case 'files.read':
      case 'files.write':
      case 'files.delete':
      case 'files.list':
        return runFilesTool(tool.slice('files.'.length) as FileOperation, args, base, {
          mounts: mounts ?? [],
          snapshots,
        })
      case 'db.query':
        return runDbQuery(args, { ...base, signal: opts.signal }, db as SqlDatabase, snapshots)
      case 'http.request':
        return runHttpRequest(args, { ...base, signal: opts.signal }, resolveHost)
      case 'email.send':
        return runEmailSend(args, base, outbox as string)
      default:
        return runPaymentTransfer(args, base, ledger as Ledger)
    }
  }

  async function rollback(actionId: string): Promise<RollbackReport> {
    const manifest = await snapshots.manifest(actionId)
    if (manifest === undefined) {
      throw new WardenError(
        'TOOL_ROLLBACK_NOT_FOUND',
        `no governed change was recorded for action ${actionId}`,
      )
    }
    if (manifest.rolledBackAt !== undefined) {
      throw new WardenError(
        'TOOL_ROLLBACK_ALREADY_DONE',
        `action ${actionId} was rolled back at ${manifest.rolledBackAt}`,
      )
    }
    const restored: RollbackStep[] = []
    const failed: RollbackStep[] = []
    // Newest first: an action that wrote a file twice ends with the content it found.
    for (const entry of [...manifest.entries].reverse()) {
      if (entry.kind === 'file') {
        const outcome = await restoreFile(entry, mounts ?? [], snapshots)
        ;(outcome.ok ? restored : failed).push({
          kind: 'file',
          target: entry.path,
          outcome: outcome.ok ? outcome.done : outcome.why,
        })
        continue
      }
      if (db === undefined) {
        failed.push({ kind: 'rows', target: entry.table, outcome: 'governed.db is not configured' })
        continue
      }
      try {
        const count = await db.restoreRows(entry)
        restored.push({ kind: 'rows', target: entry.table, outcome: `${count} rows restored` })
      } catch (error) {
        failed.push({ kind: 'rows', target: entry.table, outcome: (error as Error).message })
      }
    }
    if (failed.length === 0) await snapshots.markRolledBack(manifest)
    return { actionId, restored, failed }
  }

  return {
    name: 'governed',
    tools: (): readonly ToolDefinition[] => offered,
    call,
    rollback,
    async close(): Promise<void> {
      ledger?.close()
      await db?.close()
    },
  }
}

function unknownArgument(tool: string, args: Readonly<Record<string, unknown>>): string | undefined {
  const schema = GOVERNED_TOOL_DEFINITIONS[tool]?.inputSchema
  const known = Object.keys(schema?.properties ?? {})
  return Object.keys(args).find((key) => !known.includes(key))
}

function absolute(path: string, cwd: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path)
}
