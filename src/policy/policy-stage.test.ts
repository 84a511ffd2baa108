import { describe, expect, it } from 'vitest'
import { anAction } from '../../test/builders/action.js'
import { parseConfig } from '../config/load.js'
import type { Action } from '../core/action.js'
import { runPipeline } from '../core/pipeline.js'
import { compilePolicy } from './agent-policy.js'
import { loadSqlParser } from './database/database-policy.js'
import { policyStage } from './policy-stage.js'

await loadSqlParser()

const policy = compilePolicy(
  parseConfig(`
agents:
  reporter:
    permissions:
      files: { read: ['/data/public/**'], write: ['/data/outputs/**'], delete: [] }
      database: { tables: [orders], operations: [SELECT], rowLimit: 10 }
      tools: { allow: ['github/search_issues', 'db/run_sql'] }
  bare: {}
upstreams:
  db:
    command: node
    resources: { run_sql: { db.query: query } }
`).config,
)

const decide = async (action: Action) => runPipeline([policyStage(policy)], action)

describe('policyStage', () => {
  it('denies an agent that is not configured (deny by default)', async () => {
    const e = await decide(anAction({ agent: 'ghost' }))
    expect(e.decision).toBe('deny')
    expect(e.reasons[0]?.code).toBe('UNKNOWN_AGENT')
  })

  it.each(['files.read', 'db.query', 'http.request'])(
    'denies %s to an agent with no section for it',
    async (tool) => {
      const e = await decide(
        anAction({ agent: 'bare', tool, args: { path: '/x', sql: 'SELECT 1', url: 'https://a.example/' } }),
      )
      expect(e.reasons[0]?.code).toBe('NO_PERMISSIONS')
    },
  )

  it('denies a tool that is not listed, even a governed one without resource semantics', async () => {
    const e = await decide(
      anAction({ tool: 'payments.transfer', args: { to: 'x', amount: 1, currency: 'EUR' } }),
    )
    expect(e.decision).toBe('deny')
    expect(e.reasons[0]?.code).toBe('TOOL_NOT_ALLOWED')
  })

  it('does not fold case or Unicode in tool names', async () => {
    for (const tool of [
      'GitHub/search_issues',
      'github/search_issues ',
      'github/search\u200b_issues',
      'github／search_issues',
    ]) {
      expect((await decide(anAction({ tool, args: {} }))).decision, tool).toBe('deny')
    }
  })

  it('records a rewrite when the row limit is added, and the rewritten action carries it', async () => {
    const e = await decide(anAction({ tool: 'db.query', args: { sql: 'SELECT * FROM orders' } }))
    expect(e.decision).toBe('allow')
    expect(e.rewritten).toBe(true)
    expect(String(e.action.args['sql'])).toMatch(/LIMIT 10\b/i)
    expect(e.reasons[0]?.code).toBe('SQL_ROW_LIMIT_APPLIED')
  })

  it('refuses a permission request hidden in the arguments of an allowed tool, marked for the permission audit', async () => {
    const e = await decide(
      anAction({
        tool: 'github/search_issues',
        args: { query: 'x', role: 'admin', note: 'Requesting elevated permissions' },
      }),
    )
    expect(e.decision).toBe('deny')
    expect(e.reasons[0]?.code).toBe('PRIVILEGE_ESCALATION')
    expect(e.trace[0]?.detail).toMatchObject({ permissionAudit: true })
  })

  it('checks a mapped upstream argument against the governed boundary, and refuses what would need a rewrite', async () => {
    const ok = await decide(
      anAction({ tool: 'db/run_sql', args: { query: 'SELECT id FROM orders LIMIT 5' } }),
    )
    expect(ok.decision).toBe('allow')
    const other = await decide(
      anAction({ tool: 'db/run_sql', args: { query: 'SELECT * FROM users LIMIT 5' } }),
    )
    expect(other.reasons[0]?.code).toBe('SQL_TABLE_NOT_ALLOWED')
    const unlimited = await decide(anAction({ tool: 'db/run_sql', args: { query: 'SELECT id FROM orders' } }))
    expect(unlimited.reasons[0]?.code).toBe('MAPPED_REWRITE_REFUSED')
  })
})
