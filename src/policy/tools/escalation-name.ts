import { nameTokens } from './name-tokens.js'

// Words that are an escalation on their own in a tool name (`sudo`, `grant_access`, `elevate_privileges`).
const ESCALATING_VERBS: ReadonlySet<string> = new Set([
  'grant',
  'elevate',
  'escalate',
  'sudo',
  'impersonate',
  'privesc',
  'runas',
])

// Verbs that change who may do what, when their object is a role or permission (`add_role`, `setPermissions`).
const CHANGING_VERBS: ReadonlySet<string> = new Set([
  'add',
  'assign',
  'set',
  'give',
  'make',
  'promote',
  'change',
  'update',
  'modify',
  'attach',
  'put',
  'create',
  'edit',
  'upgrade',
  'assume',
  'bind',
  'apply',
  'enable',
])

const PRIVILEGE_OBJECTS: ReadonlySet<string> = new Set([
  'role',
  'roles',
  'permission',
  'permissions',
  'perms',
  'privilege',
  'privileges',
  'admin',
  'admins',
  'administrator',
  'administrators',
  'superuser',
  'superusers',
  'sudoer',
  'sudoers',
  'acl',
  'acls',
  'scopes',
  'rbac',
  'rolebinding',
  'clusterrole',
  'clusterrolebinding',
])

// Minting credentials is escalation by another name: a new key carries the permissions of its principal.
const MINTING_VERBS: ReadonlySet<string> = new Set(['create', 'generate', 'mint', 'issue', 'new'])
const MUTATING_IAM_VERBS: ReadonlySet<string> = new Set([
  'create',
  'attach',
  'put',
  'add',
  'update',
  'set',
  'pass',
  'assume',
])

/**
 * Why a tool's *name* says it grants or widens permissions (`grant_role`, `iam.attach_user_policy`,
 * `make_admin`, `create_access_key`), or undefined. Matches whole name tokens only, so `migrant_roles`,
 * `search_grants` and `list_roles` do not match.
 *
 * @example
 * escalationInName('admin/assignRole') // 'the tool name assigns roles or permissions (assign + role)'
 */
export function escalationInName(tool: string): string | undefined {
  const tokens = nameTokens(tool)
  const set = new Set(tokens)
  for (const t of tokens) {
    if (ESCALATING_VERBS.has(t)) return `the tool name is a ${t} action`
  }
  const verb = tokens.find((t) => CHANGING_VERBS.has(t))
  const object = tokens.find((t) => PRIVILEGE_OBJECTS.has(t))
  if (verb !== undefined && object !== undefined) {
    return `the tool name changes roles or permissions (${verb} + ${object})`
  }
  if (set.has('make') || set.has('promote') || set.has('transfer')) {
    const to = tokens.find((t) => t === 'owner' || t === 'ownership' || t === 'root')
    if (to !== undefined) return `the tool name hands over ${to}`
  }
  const minting = tokens.find((t) => MINTING_VERBS.has(t))
  if (minting !== undefined && mintsCredential(set)) return 'the tool name mints credentials'
  if (set.has('iam')) {
    const mutating = tokens.find((t) => MUTATING_IAM_VERBS.has(t))
    if (mutating !== undefined) return `the tool name changes IAM (${mutating})`
  }
  return undefined
}

function mintsCredential(set: ReadonlySet<string>): boolean {
  if (set.has('accesskey') || set.has('apikey') || set.has('credential') || set.has('credentials'))
    return true
  if (set.has('key') && (set.has('access') || set.has('api') || set.has('account'))) return true
  return set.has('token') && (set.has('access') || set.has('personal') || set.has('admin'))
}
