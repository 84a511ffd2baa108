import { z } from 'zod'
import { approvalsConfigSchema } from '../approvals/config-schema.js'

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
  /** Who runs this agent: they may not approve its requests (src/approvals). */
  owner: z.string().min(1).optional(),
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

const durationText = z.string().regex(/^\d+(ms|s|m|h|d)$/, 'a duration such as 500ms, 30s, 1m, 1h or 1d')
const controlDecision = z.enum(['allow', 'review', 'confirm', 'approve', 'multi_approve', 'pause', 'deny'])

/** BehavioralGuardrails: rate limits, anomaly thresholds, cumulative-impact budgets (docs/behavior.md). */
export const behaviorSchema = z.strictObject({
  /** Where counters and baselines live: `memory:` (default, this process) or `redis://…` (shared). */
  counters: nonEmptyName.optional(),
  /** Sliding windows; every bucket an action touches is checked before any is consumed. */
  rateLimits: z
    .array(
      z.strictObject({
        per: z.enum(['agent', 'tool', 'host', 'session']),
        limit: z.int().positive(),
        window: durationText,
        /** Only actions of these tools count (globs); default all. */
        tools: z.array(nonEmptyName).optional(),
      }),
    )
    .default([]),
  anomaly: z
    .strictObject({
      enabled: z.boolean().default(true),
      /** Executed actions learned per agent before the baseline detectors speak. */
      warmupActions: z.int().nonnegative().optional(),
      review: z.number().min(0).max(1).optional(),
      approve: z.number().min(0).max(1).optional(),
      pause: z.number().min(0).max(1).optional(),
    })
    .optional(),
  budgets: z
    .array(
      z.strictObject({
        name: nonEmptyName,
        sum: z.enum(['transaction.amount', 'rows.written', 'files.deleted', 'bytes.out', 'emails.sent']),
        limit: z.number().positive(),
        window: durationText,
        per: z.enum(['agent', 'session']).default('agent'),
      }),
    )
    .default([]),
})

/** Information-flow control: session labels and the rules over them (docs/behavior.md). */
export const flowSchema = z.strictObject({
  enabled: z.boolean().default(true),
  /**
   * What carries labels: each `session` of an agent (default), or the `agent` as a whole — for clients
   * that let the model choose session ids, where a fresh id would shed the labels.
   */
  scope: z.enum(['session', 'agent']).default('session'),
  /** Control for sending data out after untrusted content entered the session. */
  untrustedEgress: controlDecision.default('approve'),
  /** Control when a session holds untrusted content and private data and the action sends data out. */
  trifecta: controlDecision.default('deny'),
  /** Tools whose results are untrusted (globs), besides http.request and untrusted upstreams. */
  untrustedTools: z.array(nonEmptyName).optional(),
  /** Inbox-like file paths whose contents are untrusted (globs). */
  untrustedPaths: z.array(nonEmptyName).optional(),
  /** Resources holding private data: a file glob, a table or a tool glob, and its classification. */
  resources: z
    .array(
      z.strictObject({
        path: nonEmptyName.optional(),
        table: nonEmptyName.optional(),
        tool: nonEmptyName.optional(),
        classification: z.enum(['confidential', 'restricted']),
      }),
    )
    .default([]),
  /** Where data of each class may go: hosts (`*.corp.example`), mail domains or addresses, tool names. */
  destinations: z
    .strictObject({
      confidential: z.array(nonEmptyName).default([]),
      restricted: z.array(nonEmptyName).default([]),
    })
    .default({ confidential: [], restricted: [] }),
  /**
   * Tools (globs) that send data out, besides http.request writes, email.send and upstream `egress`.
   * Unset: upstream tools named like a send (send_, post_, upload, publish, share, reply, forward, …).
   */
  egressTools: z.array(nonEmptyName).optional(),
})

const thresholdSchema = z.number().min(0).max(1)

export const guardrailsSchema = z.strictObject({
  input: z
    .strictObject({
      /** Longest text read from one action's arguments, in characters; longer is refused. */
      maxLength: z.int().positive().optional(),
      /** Deny patterns (regular expressions, checked for catastrophic backtracking at load). */
      patterns: z
        .array(
          z.union([
            z.string().min(1),
            z.strictObject({
              name: z.string().optional(),
              pattern: z.string().min(1),
              action: z.enum(['flag', 'block']).optional(),
            }),
          ]),
        )
        .default([]),
      injection: z
        .strictObject({
          flagAt: thresholdSchema.optional(),
          blockAt: thresholdSchema.optional(),
          // On user text where no rule fired, the classifier counts only from this probability (0 = always):
          // fewer false alarms on benign trigger words, at a measured cost in recall (docs/EVALUATION.md sweep).
          userClassifierAt: thresholdSchema.optional(),
        })
        .optional(),
    })
    .default({ patterns: [] }),
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
  guardrails: guardrailsSchema.default({ input: { patterns: [] } }),
  gateway: gatewaySchema.optional(),
  behavior: behaviorSchema.optional(),
  flow: flowSchema.optional(),
  approvals: approvalsConfigSchema.optional(),
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
export type BehaviorConfig = z.infer<typeof behaviorSchema>
export type FlowConfig = z.infer<typeof flowSchema>
