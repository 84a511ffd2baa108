import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'

// examples/ ships with the package; this file is src/tools/ or dist/tools/, two folders below the root.
const SEED = fileURLToPath(new URL('../../examples/sandbox-seed/', import.meta.url))

/** What ensureDemoSandbox created (paths relative to cwd); empty when everything was there already. */
export interface DemoSandboxReport {
  readonly created: readonly string[]
}

/**
 * Creates the demo sandbox under `cwd` where it is missing: `sandbox/data/{public,reports,outputs,backups/old}`
 * with a few files, and `sandbox/shop.db` (products, orders, users, invoices) built from
 * examples/sandbox-seed/shop.sql. Existing files are never overwritten, so an operator's edits survive.
 *
 * @example ensureDemoSandbox(process.cwd()) // { created: ['sandbox/shop.db', …] }
 */
export function ensureDemoSandbox(cwd: string): DemoSandboxReport {
  const created: string[] = []
  const data = join(cwd, 'sandbox', 'data')
  for (const dir of ['public', 'reports', 'outputs', join('backups', 'old')])
    mkdirSync(join(data, dir), { recursive: true })
  for (const file of seedFiles(join(SEED, 'data'))) {
    const target = join(data, relative(join(SEED, 'data'), file))
    if (existsSync(target)) continue
    mkdirSync(dirname(target), { recursive: true })
    copyFileSync(file, target)
    created.push(relative(cwd, target))
  }
  const shop = join(cwd, 'sandbox', 'shop.db')
  if (!existsSync(shop)) {
    // Built beside and renamed into place: a crash never leaves a half-seeded database behind.
    const temp = `${shop}.${process.pid}.tmp`
    rmSync(temp, { force: true })
    const db = new Database(temp)
    try {
      db.exec(readFileSync(join(SEED, 'shop.sql'), 'utf8'))
    } finally {
      db.close()
    }
    renameSync(temp, shop)
    created.push(relative(cwd, shop))
  }
  return { created }
}

function seedFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? seedFiles(path) : [path]
  })
}
