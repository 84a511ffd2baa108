import type { ToolDefinition } from '../gateway/tool-source.js'
import { LEDGER_CURRENCIES } from './payments/ledger.js'
import { TOOL_LIMITS } from './tool-limits.js'

type Schema = ToolDefinition['inputSchema']

function schema(properties: Record<string, object>, required: readonly string[]): Schema {
  return { type: 'object', properties, required: [...required], additionalProperties: false }
}

const PATH = { type: 'string', description: 'Absolute policy path, e.g. /data/reports/q3.csv' }

/** Every governed tool Warden can offer, by canonical name; openGovernedTools offers the configured ones. */
export const GOVERNED_TOOL_DEFINITIONS: Readonly<Record<string, ToolDefinition>> = Object.freeze({
  'files.read': {
    name: 'files.read',
    title: 'Read a file',
    description: `Reads a file under a governed mount (at most ${TOOL_LIMITS.maxReadBytes} bytes). Text comes back as UTF-8, anything else as base64.`,
    inputSchema: schema({ path: PATH }, ['path']),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  'files.list': {
    name: 'files.list',
    title: 'List a folder',
    description: `Lists a folder under a governed mount (at most ${TOOL_LIMITS.maxListEntries} entries); links are shown, never followed.`,
    inputSchema: schema({ path: PATH }, ['path']),
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  },
  'files.write': {
    name: 'files.write',
    title: 'Write a file',
    description: `Creates or replaces a file atomically (at most ${TOOL_LIMITS.maxWriteBytes} bytes of UTF-8); the prior content is kept for rollback.`,
    inputSchema: schema(
      { path: PATH, content: { type: 'string', description: 'The whole new content, as text' } },
      ['path', 'content'],
    ),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  },
  'files.delete': {
    name: 'files.delete',
    title: 'Delete a file',
    description: 'Deletes one file (never a folder); its content is kept for rollback.',
    inputSchema: schema({ path: PATH }, ['path']),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  },
  'db.query': {
    name: 'db.query',
    title: 'Query the database',
    description:
      'Runs one SQL statement (PostgreSQL syntax) within the agent’s grant. Results are cut at the row limit; UPDATE and DELETE keep before-images for rollback.',
    inputSchema: schema(
      {
        sql: { type: 'string', description: 'Exactly one statement; parameters as $1, $2, …' },
        params: {
          type: 'array',
          description: 'Values for $1, $2, … (strings, numbers, booleans or null)',
          items: { type: ['string', 'number', 'boolean', 'null'] },
        },
      },
      ['sql'],
    ),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: false },
  },
  'http.request': {
    name: 'http.request',
    title: 'HTTP request',
    description: `Sends an HTTP request to an allowed host. Internal addresses are refused, redirects re-checked (at most ${TOOL_LIMITS.maxRedirects}), responses capped at ${TOOL_LIMITS.maxResponseBytes} bytes.`,
    inputSchema: schema(
      {
        method: { type: 'string', description: 'GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS' },
        url: { type: 'string', description: 'Absolute http(s) URL' },
        headers: { type: 'object', description: 'Request headers', additionalProperties: { type: 'string' } },
        body: { type: 'string', description: 'Request body, as text' },
      },
      ['method', 'url'],
    ),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: false, openWorldHint: true },
  },
  'email.send': {
    name: 'email.send',
    title: 'Send an e-mail',
    description: 'Queues a plain-text e-mail in the outbox.',
    inputSchema: schema(
      {
        to: {
          description: 'One address, or a list of addresses',
          anyOf: [
            { type: 'string' },
            { type: 'array', items: { type: 'string' }, maxItems: TOOL_LIMITS.maxEmailRecipients },
          ],
        },
        subject: { type: 'string', description: 'One line' },
        body: { type: 'string', description: 'Plain text' },
      },
      ['to', 'subject', 'body'],
    ),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
  },
  'payments.transfer': {
    name: 'payments.transfer',
    title: 'Transfer money',
    description:
      'Pays an amount from the operating account to another account of the sandbox ledger. No overdraft.',
    inputSchema: schema(
      {
        to: { type: 'string', description: 'The receiving account' },
        amount: {
          type: 'number',
          exclusiveMinimum: 0,
          maximum: TOOL_LIMITS.maxTransferAmount,
          description: 'In major units (12.50)',
        },
        currency: { type: 'string', enum: Object.keys(LEDGER_CURRENCIES), description: 'ISO 4217 code' },
      },
      ['to', 'amount', 'currency'],
    ),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  },
})
