import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { afterEach, describe, expect, it } from 'vitest'
import { ensureDemoSandbox } from './demo-sandbox.js'

const made: string[] = []
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function aFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'warden-demo-'))
  made.push(dir)
  return dir
}

describe('ensureDemoSandbox', () => {
  it('creates the data folders, seed files and the shop database', () => {
    const cwd = aFolder()
    const report = ensureDemoSandbox(cwd)
    for (const dir of ['public', 'reports', 'outputs', 'backups/old'])
      expect(existsSync(join(cwd, 'sandbox', 'data', dir))).toBe(true)
    expect(report.created).toContain(join('sandbox', 'shop.db'))
    const db = new Database(join(cwd, 'sandbox', 'shop.db'), { readonly: true })
    const counts = ['products', 'orders', 'users', 'invoices'].map(
      (t) => (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
    )
    db.close()
    expect(counts.every((n) => n > 0)).toBe(true)
  })

  it('never overwrites what exists, and a second run creates nothing', () => {
    const cwd = aFolder()
    ensureDemoSandbox(cwd)
    const welcome = join(cwd, 'sandbox', 'data', 'public', 'welcome.txt')
    writeFileSync(welcome, 'edited by the operator')
    expect(ensureDemoSandbox(cwd).created).toEqual([])
    expect(readFileSync(welcome, 'utf8')).toBe('edited by the operator')
  })
})
