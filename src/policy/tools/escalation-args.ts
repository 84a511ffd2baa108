import { DEFAULTS } from '../../config/defaults.js'
import { escalationInText } from './escalation-text.js'
import { nameTokens } from './name-tokens.js'

/** Where in the arguments an escalation request sits (`body`, `members[2].role`) and why it is one. */
export interface ArgsEscalation {
  readonly path: string
  readonly reason: string
}

// Keys whose value says which permissions a principal gets.
const PRIVILEGE_KEYS: ReadonlySet<string> = new Set([
  'role',
  'roles',
  'permission',
  'permissions',
  'perms',
  'privilege',
  'privileges',
  'scope',
  'scopes',
  'grant',
  'grants',
  'access',
  'acl',
  'policy',
  'policies',
])

// Keys under which `*` or `all` means "every permission" (under `scope` or `access` it is often a search scope).
const WILDCARD_KEYS: ReadonlySet<string> = new Set([
  'permission',
  'permissions',
  'perms',
  'privilege',
  'privileges',
  'grant',
  'grants',
  'scopes',
  'acl',
  'policy',
  'policies',
  'role',
  'roles',
])

// Keys that are a switch to admin on their own (`is_admin: true`, `superuser: true`).
const ADMIN_FLAGS: ReadonlySet<string> = new Set(['admin', 'superuser', 'sudo', 'sudoer', 'root', 'staff'])

const ADMIN_WORDS: ReadonlySet<string> = new Set([
  'admin',
  'admins',
  'administrator',
  'administrators',
  'root',
  'superuser',
  'superadmin',
  'sudo',
  'sudoers',
  'wheel',
  'owner',
  'owners',
  'god',
  'fullaccess',
])

const ARTICLES: ReadonlySet<string> = new Set(['the', 'a', 'an', 'my', 'our', 'your', 'his', 'her', 'their'])

/** Strings scanned per call, in characters: the input stage caps action size, this caps our work. */
const TEXT_BUDGET = 2_000_000

/**
 * The first request for more permissions inside tool arguments: a privilege key (`role`, `permissions`,
 * `scopes`, `grant`, …) with an admin-ish value, an admin flag set to true (`is_admin: true`), or free text
 * that asks for elevation ("Requesting elevated permissions", "grant me admin access"). Legitimate text
 * that merely mentions roles, permission slips or admins does not match (see escalation.test.ts).
 */
export function escalationInArgs(args: Readonly<Record<string, unknown>>): ArgsEscalation | undefined {
  const budget = { chars: TEXT_BUDGET }
  return walk(args, '', 0, budget)
}

function walk(
  value: unknown,
  path: string,
  depth: number,
  budget: { chars: number },
): ArgsEscalation | undefined {
  if (typeof value === 'string') {
    if (budget.chars <= 0) return undefined
    budget.chars -= value.length
    const why = escalationInText(value)
    return why === undefined ? undefined : { path: path || '(args)', reason: why }
  }
  if (value === null || typeof value !== 'object' || depth >= DEFAULTS.maxArgsDepth) return undefined
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = walk(value[i], `${path}[${i}]`, depth + 1, budget)
      if (found !== undefined) return found
    }
    return undefined
  }
  for (const [key, child] of Object.entries(value)) {
    const at = path === '' ? key : `${path}.${key}`
    // Keys are text too: `{"grant me admin access": true}` asks as plainly as a value would.
    const inKey = key.length >= 12 ? escalationInText(key) : undefined
    if (inKey !== undefined) return { path: at, reason: `${inKey} (in a key)` }
    const keyed = privilegeByKey(key, child)
    if (keyed !== undefined) return { path: at, reason: keyed }
    const found = walk(child, at, depth + 1, budget)
    if (found !== undefined) return found
  }
  return undefined
}

function privilegeByKey(key: string, value: unknown): string | undefined {
  const tokens = nameTokens(key)
  const last = tokens[tokens.length - 1]
  if (last === undefined) return undefined
  if (ADMIN_FLAGS.has(last) && (value === true || value === 'true' || value === 1)) {
    return `argument ${key} switches on ${last} rights`
  }
  if (!isPrivilegeKey(tokens, last)) return undefined
  const wildcards = WILDCARD_KEYS.has(last)
  const values = Array.isArray(value) ? value : [value]
  for (const v of values.slice(0, 256)) {
    if (typeof v === 'string' && wildcards && isWildcard(v))
      return `argument ${key} asks for every permission (${v})`
    if (typeof v === 'string' && isAdminValue(v))
      return `argument ${key} asks for ${JSON.stringify(v.slice(0, 60))}`
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      // `permissions: { admin: true }`, `roles: { owner: [...] }`
      for (const [k, inner] of Object.entries(v)) {
        if (isAdminValue(k) && inner !== false && inner !== null && inner !== 0)
          return `argument ${key} grants ${k}`
        if (typeof inner === 'string' && isAdminValue(inner))
          return `argument ${key} asks for ${JSON.stringify(inner)}`
      }
    }
  }
  return undefined
}

/** `role`, `permissions`, `requested_roles`, `target_role_arn`, `access_level`, `permission_level`. */
function isPrivilegeKey(tokens: readonly string[], last: string): boolean {
  if (PRIVILEGE_KEYS.has(last) || tokens.includes('role') || tokens.includes('roles')) return true
  return last === 'level' && tokens.some((t) => t === 'access' || t === 'permission' || t === 'privilege')
}

/**
 * An identifier-like role value (`admin`, `roles/owner`, `admin:org`, `AdministratorAccess`, `*`), or a short
 * role title ending in an admin word (`Global Administrator`). Prose under a `role` key ("The admin of the
 * castle", "Admin assistant") is not a permission request.
 */
function isAdminValue(value: string): boolean {
  const v = value.trim()
  if (v.length === 0 || v.length > 128) return false
  const tokens = nameTokens(v)
  if (!/\s/.test(v)) {
    if (tokens.some((t) => ADMIN_WORDS.has(t))) return true
    return tokens.includes('full') && tokens.includes('access')
  }
  const words = v.split(/\s+/)
  if (words.length > 3 || ARTICLES.has(words[0]?.toLowerCase() ?? '')) return false
  return ADMIN_WORDS.has(words[words.length - 1]?.toLowerCase() ?? '')
}

function isWildcard(value: string): boolean {
  const v = value.trim().toLowerCase()
  return v === '*' || v === 'all' || v === '*:*' || v === 'all_permissions'
}
