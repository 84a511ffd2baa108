import { z } from 'zod'

// Every object is strict: an unknown key is an error, because a typo in a security policy must neither
// widen nor silently narrow it. Shapes follow DESIGN.md; the seed's agentPermissions load as written.

const globList = z.array(z.string().min(1))
const nonEmptyName = z.string().min(1)

export const filesPermissionsSchema = z.strictObject({
  read: globList.default([]),
  write: globList.default([]),
  delete: globList.default([]),
})

export const databasePermissionsSchema = z.strictObject({
  tables: z.array(nonEmptyName),
  operations: z.array(nonEmptyName),
  rowLimit: z.int().positive().optional(),
  /** Functions allowed beyond the built-in safe list (lower-case names). */
  functions: z.array(nonEmptyName).optional(),
})

export const apisPermissionsSchema = z.strictObject({
  /** Hosts (`api.example.com`, `api.example.com:8443`, `*.example.com`, or an IP literal to allow it). */
  allowed: z.array(nonEmptyName),
  methods: z.array(nonEmptyName).default(['GET']),
  /** Requests per minute per agent and allowed-host set (sliding window). */
  rateLimit: z.int().positive().optional(),
})

export const toolsPermissionsSchema = z.strictObject({
  allow: z.array(nonEmptyName).default([]),
})

export const permissionsSchema = z.strictObject({
  files: filesPermissionsSchema.optional(),
  database: databasePermissionsSchema.optional(),
  apis: apisPermissionsSchema.optional(),
  tools: toolsPermissionsSchema.optional(),
})

export const agentSchema = z.strictObject({
  description: z.string().optional(),
  /** Bearer keys of this agent, stored only as hashes: `sha256:<64 hex>` (see `warden agents key`). */
  keys: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 lower-case hex digits>')).default([]),
  permissions: permissionsSchema.default({}),
})

export const escalationRuleSchema = z.strictObject({
  condition: z.string().min(1),
  action: z.enum([
    'requireApproval',
    'requireMultiApproval',
    'requireConfirmation',
    'requireReview',
    'pause',
    'deny',
  ]),
  reason: z.string().optional(),
})

/** How an upstream tool's arguments map onto the governed boundaries: `{ 'files.read': 'path' }`. */
export const resourceMappingSchema = z.partialRecord(
  z.enum(['files.read', 'files.write', 'files.delete', 'files.list', 'db.query', 'http.request']),
  nonEmptyName,
)

export const upstreamSchema = z
  .strictObject({
    command: nonEmptyName.optional(),
    args: z.array(z.string()).default([]),
    env: z.record(z.string(), z.string()).default({}),
    url: z.url().optional(),
    headers: z.record(z.string(), z.string()).default({}),
    resources: z.record(nonEmptyName, resourceMappingSchema).default({}),
    /** Everything this server returns is untrusted data (information-flow label). */
    untrusted: z.boolean().default(false),
    /** Tools of this server that send data out of the system. */
    egress: z.array(nonEmptyName).default([]),
  })
  .refine((u) => (u.command === undefined) !== (u.url === undefined), {
    message: 'an upstream needs exactly one of `command` (stdio) or `url` (Streamable HTTP)',
  })

export const governedSchema = z.strictObject({
  files: z.strictObject({ mounts: z.record(z.string(), z.string()) }).optional(),
  db: z.strictObject({ url: nonEmptyName }).optional(),
  email: z.strictObject({ outbox: nonEmptyName }).optional(),
  payments: z.strictObject({ ledger: nonEmptyName }).optional(),
})

export const auditSchema = z.strictObject({
  capture: z.enum(['redacted', 'hashes', 'full']).optional(),
  retention: z
    .string()
    .regex(/^\d+[dhm]$/, 'a duration such as 400d, 12h or 30m')
    .optional(),
  legalHold: z.boolean().default(false),
  /** Folder of the Ed25519 checkpoint signing key (default: `keys/` beside the SQLite file, else .warden/keys). */
  keyDir: z.string().min(1).optional(),
})

/** An operator token of the admin API, stored only as a hash (`warden up` generates one on first start). */
export const adminTokenSchema = z.strictObject({
  name: nonEmptyName,
  role: z.enum(['admin', 'approver', 'auditor']),
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 lower-case hex digits>'),
})

/** Where `warden up` listens and whom it lets in (defaults in GATEWAY_DEFAULTS). */
export const gatewaySchema = z.strictObject({
  port: z.int().min(0).max(65_535).optional(),
  host: nonEmptyName.optional(),
  /** Host header values accepted (DNS rebinding); default localhost, 127.0.0.1, [::1]. */
  allowedHosts: z.array(nonEmptyName).optional(),
  /** Browser origins accepted besides those of the allowed hosts. */
  allowedOrigins: z.array(nonEmptyName).optional(),
  adminTokens: z.array(adminTokenSchema).default([]),
})

export const configSchema = z.strictObject({
  agents: z.record(nonEmptyName, agentSchema).default({}),
  escalationRules: z.array(escalationRuleSchema).default([]),
  upstreams: z
    .record(z.string().regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and -'), upstreamSchema)
    .default({}),
  governed: governedSchema.default({}),
  store: nonEmptyName.optional(),
  bus: nonEmptyName.optional(),
  audit: auditSchema.default({ legalHold: false }),
  gateway: gatewaySchema.optional(),
})

/** The configuration after validation (defaults filled in). */
export type WardenConfig = z.infer<typeof configSchema>
export type AgentConfig = z.infer<typeof agentSchema>
export type Permissions = z.infer<typeof permissionsSchema>
export type FilesPermissions = z.infer<typeof filesPermissionsSchema>
export type DatabasePermissions = z.infer<typeof databasePermissionsSchema>
export type ApisPermissions = z.infer<typeof apisPermissionsSchema>
export type ToolsPermissions = z.infer<typeof toolsPermissionsSchema>
export type UpstreamConfig = z.infer<typeof upstreamSchema>
export type EscalationRule = z.infer<typeof escalationRuleSchema>
export type GatewayConfig = z.infer<typeof gatewaySchema>
export type AdminTokenConfig = z.infer<typeof adminTokenSchema>
