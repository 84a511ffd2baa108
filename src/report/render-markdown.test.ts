import { describe, expect, it } from 'vitest'
import { buildMonthlyReport } from './monthly-report.js'
import { renderMarkdown } from './render-markdown.js'
import { aRecord, inputsOf } from './test-records.js'
import { buildWeeklyReport } from './weekly-report.js'

const YAML = 'agents:\n  reporter: { permissions: {} }\n'

describe('renderMarkdown', () => {
  it('renders the weekly summary as tables, escaping pipes in cells', async () => {
    const records = [
      aRecord({ action: 'up|stream/tool' }),
      aRecord({ decision: 'deny', reasons: [{ stage: 'policy', code: 'TOOL_NOT_ALLOWED', message: 'no' }] }),
    ]
    const md = renderMarkdown(await buildWeeklyReport(inputsOf(records, YAML)))
    expect(md).toMatch(/^# Weekly agent action summary\n/)
    expect(md).toContain('2 actions by 1 agents in 1 sessions; 1 refused.')
    expect(md).toContain('up\\|stream/tool 1')
    expect(md).toContain('TOOL_NOT_ALLOWED 1')
  })

  it('renders the monthly trend with one column per week', async () => {
    const md = renderMarkdown(await buildMonthlyReport(inputsOf([aRecord({})], YAML)))
    expect(md).toContain('## Week by week')
    expect(md).toContain(
      '| agent | from 2026-03-01 | from 2026-03-08 | from 2026-03-15 | from 2026-03-22 | from 2026-03-29 |',
    )
  })
})
