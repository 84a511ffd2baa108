import type { Action, Risk } from '../core/action.js'

/** What an upstream tool's MCP annotations say about it (hints from a pinned, operator-accepted definition). */
export interface ToolHints {
  readonly readOnlyHint?: boolean | undefined
  readonly destructiveHint?: boolean | undefined
}

/**
 * The default risk of an action, after the seed's table: reads low; creates and sends medium; deletes and
 * transfers high; permission and system changes critical. Pure; `sqlKind` is the statement kind when the
 * action is a query (SELECT, INSERT, ..., or a utility kind); `hints` are an upstream tool's annotations.
 */
export function classifyRisk(action: Action, sqlKind?: string, hints?: ToolHints): Risk {
  switch (action.tool) {
    case 'files.read':
    case 'files.list':
      return 'low'
    case 'files.write':
    case 'email.send':
      return 'medium'
    case 'files.delete':
    case 'payments.transfer':
    case 'warden.rollback': // rewrites files and rows an agent's action changed
      return 'high'
    case 'db.query':
      return sqlRisk(sqlKind)
    case 'http.request':
      return httpRisk(action.args['method'])
    default:
      return nameRisk(action.tool) ?? hintRisk(hints)
  }
}

// Annotations only decide when the name says nothing: a server cannot talk `delete_repo` down to low risk
// by calling it read-only.
function hintRisk(hints: ToolHints | undefined): Risk {
  if (hints?.destructiveHint === true) return 'high'
  if (hints?.readOnlyHint === true) return 'low'
  return 'medium'
}

const SQL_RISK: Readonly<Record<string, Risk>> = Object.freeze({
  SELECT: 'low',
  INSERT: 'medium',
  UPDATE: 'medium',
  MERGE: 'medium',
  DELETE: 'high',
  TRUNCATE: 'high',
})

function sqlRisk(kind: string | undefined): Risk {
  if (kind === undefined) return 'high' // unparsed: assume the worst short of a system change
  return SQL_RISK[kind] ?? 'critical' // DDL, GRANT and other utility statements change the system
}

function httpRisk(method: unknown): Risk {
  const m = typeof method === 'string' ? method.toUpperCase() : ''
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return 'low'
  if (m === 'DELETE') return 'high'
  return 'medium'
}

// Upstream tools are rated by the verbs in their names (split on _ - . / and camelCase), the most
// dangerous verb winning; a name with no known verb falls to its annotations, else medium, so an unknown
// write is never "low".
const VERB_RISK: ReadonlyMap<string, Risk> = new Map<string, Risk>([
  ...words('get list search read query fetch find describe show view lookup count status browse', 'low'),
  ...words(
    'create add send post update write edit insert upload comment reply set put patch move rename',
    'medium',
  ),
  ...words('delete remove drop destroy purge erase transfer pay refund merge deploy publish revoke', 'high'),
  ...words(
    'grant elevate sudo impersonate escalate chmod chown permission permissions role roles admin',
    'critical',
  ),
])

const RANK: Readonly<Record<Risk, number>> = { low: 0, medium: 1, high: 2, critical: 3 }

function nameRisk(tool: string): Risk | undefined {
  const base = tool.slice(tool.lastIndexOf('/') + 1)
  const tokens = base
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
  let worst: Risk | undefined
  for (const token of tokens) {
    const risk = VERB_RISK.get(token)
    if (risk !== undefined && (worst === undefined || RANK[risk] > RANK[worst])) worst = risk
  }
  return worst
}

function words(list: string, risk: Risk): Array<[string, Risk]> {
  return list.split(' ').map((w) => [w, risk])
}
