import { createHash } from 'node:crypto'
import type { ToolResult } from '../../gateway/tool-source.js'
import type { AgentPolicy } from '../../policy/agent-policy.js'
import { canonicalizePolicyPath } from '../../policy/files/canonical-path.js'
import { checkFileAccess, type FileOperation } from '../../policy/files/files-policy.js'
import type { SnapshotStore } from '../snapshots/snapshot-store.js'
import { TOOL_LIMITS } from '../tool-limits.js'
import { failure, success } from '../tool-result.js'
import { deleteInside, listInside, readInside, writeInside } from './file-operations.js'
import { type Located, locate, type Mount } from './mounts.js'
import { checkPath } from './safe-path.js'
import { textDiff } from './text-diff.js'

/** What files.* calls share: the compiled mounts and where prior contents are kept for rollback. */
export interface FilesEnvironment {
  readonly mounts: readonly Mount[]
  readonly snapshots: SnapshotStore
}

/** What one files.* call knows besides its arguments. */
export interface FilesCall {
  readonly policy: AgentPolicy | undefined
  readonly dryRun: boolean
  readonly actionId: string
  readonly agentId: string
}

// A deleted or overwritten file is kept whole for rollback; past this its snapshot would not fit memory.
const MAX_SNAPSHOT_BYTES = TOOL_LIMITS.maxWriteBytes * 64

/**
 * Runs files.read|write|delete|list. The agent's files policy is checked again here (defence in depth:
 * the policy stage decided on the same path, this decides on what will be touched), then the path is
 * placed under its mount and walked without following links.
 */
export async function runFilesTool(
  op: FileOperation,
  args: Readonly<Record<string, unknown>>,
  call: FilesCall,
  env: FilesEnvironment,
): Promise<ToolResult> {
  const policy = call.policy?.files
  if (policy === undefined)
    return failure('TOOL_NOT_GRANTED', `agent ${call.agentId} has no files permissions`)
  const decision = checkFileAccess(policy, op, args.path)
  if (!decision.allowed) return failure(decision.code, decision.reason)
  const canonical = canonicalizePolicyPath(decision.args?.path ?? args.path)
  if (!canonical.ok) return failure(canonical.code, canonical.reason)
  const located = locate(env.mounts, canonical.path)
  if (located === undefined) {
    return failure('TOOL_MOUNT_NOT_FOUND', `${canonical.path} is under no governed.files mount`)
  }
  switch (op) {
    case 'read':
      return read(located)
    case 'list':
      return list(located)
    case 'write':
      return write(located, args.content, call, env)
    case 'delete':
      return remove(located, call, env)
  }
}

async function read(located: Located): Promise<ToolResult> {
  const checked = await checkPath(located)
  if (!checked.ok) return checked.result
  if (checked.value.stat === undefined)
    return failure('TOOL_FILE_NOT_FOUND', `${located.path} does not exist`)
  const bytes = await readInside(checked.value, TOOL_LIMITS.maxReadBytes)
  if (!bytes.ok) return bytes.result
  const text = utf8(bytes.value)
  const body = text ?? bytes.value.toString('base64')
  const encoding = text === undefined ? 'base64' : 'utf8'
  return success(body, { path: located.path, bytes: bytes.value.length, encoding, content: body })
}

async function list(located: Located): Promise<ToolResult> {
  const checked = await checkPath(located)
  if (!checked.ok) return checked.result
  const listed = await listInside(checked.value, TOOL_LIMITS.maxListEntries)
  if (!listed.ok) return listed.result
  const { entries, truncated } = listed.value
  const lines = entries.map(
    (e) => `${e.type === 'directory' ? 'd' : e.type === 'symlink' ? 'l' : '-'} ${e.name}`,
  )
  if (truncated) lines.push(`(cut at ${TOOL_LIMITS.maxListEntries} entries)`)
  return success(lines.join('\n') || '(empty)', { path: located.path, entries, truncated })
}

async function write(
  located: Located,
  content: unknown,
  call: FilesCall,
  env: FilesEnvironment,
): Promise<ToolResult> {
  if (typeof content !== 'string')
    return failure('TOOL_BAD_ARGUMENTS', 'files.write needs `content` as a string')
  const bytes = Buffer.from(content, 'utf8')
  if (bytes.length > TOOL_LIMITS.maxWriteBytes) {
    return failure(
      'TOOL_FILE_TOO_LARGE',
      `content is ${bytes.length} bytes; the limit is ${TOOL_LIMITS.maxWriteBytes}`,
    )
  }
  const checked = await checkPath(
    located,
    call.dryRun ? { allowMissingParents: true } : { createParents: true },
  )
  if (!checked.ok) return checked.result
  const stat = checked.value.stat
  let prior: Buffer | undefined
  if (stat !== undefined) {
    if (stat.isDirectory()) return failure('TOOL_FILE_IS_DIRECTORY', `${located.path} is a folder`)
    const read = await readInside(checked.value, MAX_SNAPSHOT_BYTES)
    if (!read.ok) return read.result
    prior = read.value
  }
  const before = { existed: prior !== undefined, bytesBefore: prior?.length ?? 0, bytesAfter: bytes.length }
  if (call.dryRun) {
    const old = prior === undefined ? '' : utf8(prior)
    const diff =
      old === undefined ? '(the current content is binary)' : textDiff(old, content, TOOL_LIMITS.maxDiffLines)
    const verb = prior === undefined ? 'would create' : 'would overwrite'
    return success(`dry-run: ${verb} ${located.path} (${bytes.length} bytes)\n${diff}`, {
      dryRun: true,
      path: located.path,
      ...before,
      diff,
    })
  }
  await env.snapshots.record(call.actionId, call.agentId, {
    kind: 'file',
    path: located.path,
    existed: prior !== undefined,
    ...(prior === undefined
      ? {}
      : { sha256: await env.snapshots.putBlob(prior), mode: (stat?.mode ?? 0o644) & 0o7777 }),
  })
  const written = await writeInside(checked.value, bytes, stat === undefined ? 0o644 : stat.mode & 0o7777)
  if (!written.ok) return written.result
  return success(`wrote ${bytes.length} bytes to ${located.path}`, {
    path: located.path,
    ...before,
    rollback: true,
  })
}

async function remove(located: Located, call: FilesCall, env: FilesEnvironment): Promise<ToolResult> {
  const checked = await checkPath(located)
  if (!checked.ok) return checked.result
  const stat = checked.value.stat
  if (stat === undefined) return failure('TOOL_FILE_NOT_FOUND', `${located.path} does not exist`)
  const prior = await readInside(checked.value, MAX_SNAPSHOT_BYTES)
  if (!prior.ok) return prior.result
  const sha256 = createHash('sha256').update(prior.value).digest('hex')
  const facts = { path: located.path, bytes: prior.value.length, sha256 }
  if (call.dryRun) {
    return success(`dry-run: would delete ${located.path} (${prior.value.length} bytes, sha256 ${sha256})`, {
      dryRun: true,
      ...facts,
    })
  }
  await env.snapshots.record(call.actionId, call.agentId, {
    kind: 'file',
    path: located.path,
    existed: true,
    sha256: await env.snapshots.putBlob(prior.value),
    mode: stat.mode & 0o7777,
  })
  const deleted = await deleteInside(checked.value)
  if (!deleted.ok) return deleted.result
  return success(`deleted ${located.path}`, { ...facts, rollback: true })
}

function utf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return undefined
  }
}
