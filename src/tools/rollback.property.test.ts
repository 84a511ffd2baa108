import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import Database from 'better-sqlite3'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anOptions, aSandbox } from './tools-fixture.case.js'

let box: Awaited<ReturnType<typeof aSandbox>>
beforeAll(async () => {
  box = await aSandbox()
})
afterAll(async () => box.cleanup())

function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name)
      if (statSync(path).isDirectory()) walk(path)
      else out[relative(dir, path)] = readFileSync(path).toString('base64')
    }
  }
  walk(dir)
  return out
}

function rows(): unknown[] {
  const db = new Database(join(box.cwd, 'sandbox', 'shop.db'), { readonly: true })
  try {
    return [
      db.prepare('SELECT * FROM products ORDER BY id').raw(true).all(),
      db.prepare('SELECT * FROM invoices ORDER BY id').raw(true).all(),
    ]
  } finally {
    db.close()
  }
}

const fileOp = fc.oneof(
  fc.record({
    tool: fc.constant('files.write'),
    path: fc.constantFrom('/data/outputs/a.txt', '/data/outputs/README.txt', '/data/outputs/x/y.bin'),
    content: fc.string({ maxLength: 40 }),
  }),
  fc.record({
    tool: fc.constant('files.delete'),
    path: fc.constantFrom('/data/outputs/a.txt', '/data/outputs/README.txt', '/data/outputs/old-backup.tar'),
  }),
)

const sqlOp = fc.oneof(
  fc
    .tuple(fc.integer({ min: -5, max: 5 }), fc.integer({ min: 1, max: 5 }))
    .map(([d, id]) => ({ sql: 'UPDATE products SET stock = stock + $1 WHERE id = $2', params: [d, id] })),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.integer({ min: 0, max: 2000 }))
    .map(([n, p]) => ({ sql: 'UPDATE products SET name = $1 WHERE price_cents > $2', params: [n, p] })),
  fc.integer({ min: 1, max: 6 }).map((id) => ({ sql: 'DELETE FROM invoices WHERE id >= $1', params: [id] })),
)

describe('rollback (properties)', () => {
  it('restores the files of any sequence of writes and deletes made under one action', async () => {
    const outputs = join(box.data, 'outputs')
    await fc.assert(
      fc.asyncProperty(fc.array(fileOp, { minLength: 1, maxLength: 6 }), async (ops) => {
        const before = tree(outputs)
        const options = anOptions()
        for (const { tool, ...args } of ops) await box.tools.call(tool, args, options)
        await box.tools.rollback(options.actionId).catch((error: { code?: string }) => {
          if (error.code !== 'TOOL_ROLLBACK_NOT_FOUND') throw error
        })
        expect(tree(outputs)).toEqual(before)
      }),
      { numRuns: 40 },
    )
  })

  it('restores the rows of any sequence of UPDATE and DELETE actions rolled back newest first', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sqlOp, { minLength: 1, maxLength: 5 }), async (ops) => {
        const before = rows()
        const done: string[] = []
        for (const op of ops) {
          const options = anOptions()
          const result = await box.tools.call('db.query', op, options)
          if (result.isError !== true && (result.structuredContent as { rowsAffected?: number }).rowsAffected)
            done.push(options.actionId)
        }
        for (const actionId of done.reverse()) await box.tools.rollback(actionId)
        expect(rows()).toEqual(before)
      }),
      { numRuns: 30 },
    )
  })
})
