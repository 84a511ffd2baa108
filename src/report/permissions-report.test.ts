import { beforeAll, describe, expect, it } from 'vitest'
import { loadSqlParser } from '../policy/database/sql-parser.js'
import { buildPermissionsReport } from './permissions-report.js'
import { aRecord, inputsOf } from './test-records.js'

const KEY = `sha256:${'a'.repeat(64)}`
const YAML = `
agents:
  reporter:
    owner: alice
    keys: ['${KEY}']
    permissions:
      files: { read: ['/data/public/**', '/data/reports/**'], write: ['/**'], delete: [] }
      database: { tables: [products, orders], operations: [SELECT, DELETE], rowLimit: 1000 }
      apis: { allowed: [weather.api.com, '*.maps.example.com'], methods: [GET], rateLimit: 100 }
      tools: { allow: ['github/search_issues', 'fs/read_text_file'] }
  idle:
    permissions:
      files: { read: ['/data/x/**'] }
      database: { tables: [t], operations: [SELECT] }
upstreams:
  fs:
    command: fs-server
    resources: { read_text_file: { files.read: path } }
`
const allowed = (action: string, args: Record<string, unknown>) =>
  aRecord({ agentId: 'reporter', action, args })

beforeAll(() => loadSqlParser())

describe('buildPermissionsReport', () => {
  it('counts each grant used by allowed actions, with the policy matchers, and lists the rest as unused', async () => {
    const records = [
      allowed('files.read', { path: '/data/public/a.txt' }),
      allowed('files.list', { path: '/data/public' }),
      aRecord({
        agentId: 'reporter',
        phase: 'intent',
        decision: 'approve',
        action: 'files.write',
        args: { path: '/tmp/out.txt' },
      }),
      allowed('db.query', { sql: 'SELECT p.id FROM products p JOIN public.orders o ON o.pid = p.id' }),
      allowed('http.request', { method: 'get', url: 'https://tiles.maps.example.com/x' }),
      allowed('github/search_issues', { q: 'bug' }),
      allowed('fs/read_text_file', { path: '/data/reports/q1.md' }),
      // Refused and held actions used nothing.
      aRecord({
        agentId: 'reporter',
        decision: 'deny',
        action: 'files.read',
        args: { path: '/data/reports/x' },
      }),
      aRecord({
        agentId: 'reporter',
        decision: 'approve',
        action: 'db.query',
        args: { sql: 'DELETE FROM orders' },
      }),
    ]
    const report = await buildPermissionsReport(inputsOf(records, YAML))
    const reporter = report.agents.find((a) => a.agent === 'reporter')
    const used = Object.fromEntries(reporter?.grants.map((g) => [g.grant, g.used]) ?? [])
    expect(used).toEqual({
      'files.read:/data/public/**': 2,
      'files.read:/data/reports/**': 1,
      'files.write:/**': 1,
      'database.SELECT:products': 1,
      'database.SELECT:orders': 1,
      'database.DELETE:products': 0,
      'database.DELETE:orders': 0,
      'apis.GET:weather.api.com': 0,
      'apis.GET:*.maps.example.com': 1,
      'tools:github/search_issues': 1,
      'tools:fs/read_text_file': 1,
    })
    expect(reporter?.unused).toEqual([
      'database.DELETE:products',
      'database.DELETE:orders',
      'apis.GET:weather.api.com',
    ])
    expect(reporter).toMatchObject({ owner: 'alice', keys: 1, allowedActions: 7, unattributed: 0 })
  })

  it('does not credit a grant with a path that climbs out of it, nor with arguments kept only as digests', async () => {
    const records = [
      allowed('files.read', { path: '/data/public/../../etc/passwd' }),
      allowed('files.read', { path: '/data/publicity/a' }),
      aRecord({ agentId: 'reporter', action: 'files.read', inputs: null, capture: 'hashes' }),
    ]
    const report = await buildPermissionsReport(inputsOf(records, YAML))
    const reporter = report.agents.find((a) => a.agent === 'reporter')
    expect(reporter?.grants.find((g) => g.grant === 'files.read:/data/public/**')?.used).toBe(0)
    expect(reporter?.unattributed).toBe(3)
  })

  it('flags broad grants, missing limits, agents without owner or keys', async () => {
    const report = await buildPermissionsReport(inputsOf([], YAML))
    const codes = report.findings.map((f) => `${f.code} ${f.agent} ${f.grant ?? ''}`.trim())
    expect(codes.filter((c) => c.startsWith('REPORT_GRANT_BROAD'))).toEqual([
      'REPORT_GRANT_BROAD idle database.rowLimit',
      'REPORT_GRANT_BROAD reporter files.write:/**',
      'REPORT_GRANT_BROAD reporter database.DELETE:products',
      'REPORT_GRANT_BROAD reporter database.DELETE:orders',
      'REPORT_GRANT_BROAD reporter apis.GET:*.maps.example.com',
    ])
    expect(codes).toContain('REPORT_AGENT_NO_OWNER idle')
    expect(codes).toContain('REPORT_AGENT_NO_KEYS idle')
    expect(codes).not.toContain('REPORT_AGENT_NO_OWNER reporter')
    expect(report.summary).toMatchObject({ agents: 2, grants: 13, unused: 13, broad: 4 })
  })

  it('flags an agent the configuration lacks, and loudly when any of its actions was allowed', async () => {
    const records = [
      aRecord({ agentId: 'ghost', decision: 'deny' }),
      aRecord({ agentId: 'forged', decision: 'allow' }),
      aRecord({ agentId: 'operator:alice', action: 'warden.rollback', args: { actionId: 'x' } }),
      // Warden writes `operator:` records only for rollbacks: anything else under such a name is suspect.
      aRecord({ agentId: 'operator:mallory', action: 'files.delete', args: { path: '/data/x' } }),
    ]
    const report = await buildPermissionsReport(inputsOf(records, YAML))
    expect(report.unknownAgents).toEqual([
      { agent: 'forged', actions: 1, allowed: 1 },
      { agent: 'ghost', actions: 1, allowed: 0 },
      { agent: 'operator:mallory', actions: 1, allowed: 1 },
    ])
    const unknown = report.findings.filter((f) => f.code.startsWith('REPORT_AGENT_UNKNOWN'))
    expect(unknown.map((f) => [f.code, f.agent])).toEqual([
      ['REPORT_AGENT_UNKNOWN', 'forged'],
      ['REPORT_AGENT_UNKNOWN_ALLOWED', 'forged'],
      ['REPORT_AGENT_UNKNOWN', 'ghost'],
      ['REPORT_AGENT_UNKNOWN', 'operator:mallory'],
      ['REPORT_AGENT_UNKNOWN_ALLOWED', 'operator:mallory'],
    ])
  })
})
