import { describe, expect, it } from 'vitest'
import { runDemo } from './run-demo.js'

describe('warden demo', () => {
  it("stops each of the seed's four threats and lets ordinary work through, with a verifiable log", async () => {
    const report = await runDemo()
    const by = (says: string) => report.outcomes.find((o) => o.step.says.startsWith(says))
    expect(by('Read the public price list')?.decision).toBe('allow')
    expect(by('Top orders')?.decision).toBe('allow')
    // prompt injection: the planted page is marked or quarantined; acting on it is held for a person
    expect(by('Look up the weather page')?.detail).toMatch(/prompt injection/)
    expect(by('Follow the page')?.decision).toBe('approve')
    // privilege escalation: refused, whether by tool or by words
    expect(by('"I need access')?.code).toBe('PRIVILEGE_ESCALATION')
    expect(by('Ask for admin')?.code).toBe('PRIVILEGE_ESCALATION')
    // The detail is the reason alone: the code is printed beside it once, not twice.
    expect(by('Ask for admin')?.detail).not.toMatch(/^PRIVILEGE_ESCALATION/)
    expect(by('Ask for admin')?.detail).toMatch(/admin/)
    // data exfiltration: ungranted table and outside host refused
    expect(by('Read the customers table')?.code).toBe('SQL_TABLE_NOT_ALLOWED')
    expect(by('Post the report')?.code).toBe('API_HOST_NOT_ALLOWED')
    // unintended actions: the drop and the production delete refused; the intended delete needs approval
    expect(by('"Delete the old backup files"')?.decision).toBe('deny')
    expect(by('Delete a production file')?.code).toBe('FILES_DELETE_NOT_ALLOWED')
    expect(by('Delete an old backup')?.decision).toBe('approve')
    expect(report.listedTools).not.toContain('web__grant_role')
    expect(report.auditOk).toBe(true)
    expect(report.auditRecords).toBeGreaterThanOrEqual(report.outcomes.length)
  })
})
