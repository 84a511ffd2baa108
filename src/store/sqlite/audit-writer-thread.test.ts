import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { AuditWriterThread } from './audit-writer-thread.js'

const dir = mkdtempSync(join(tmpdir(), 'warden-writer-thread-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A stand-in writer script, to make the thread fail in one chosen way. */
function aScript(name: string, onMessage: string): URL {
  const file = join(dir, `${name}.mjs`)
  writeFileSync(
    file,
    `import { parentPort } from 'node:worker_threads'\nparentPort.on('message', (message) => { ${onMessage} })\n`,
  )
  return pathToFileURL(file)
}

const tail = { size: 0, lastHash: null }

describe('AuditWriterThread', () => {
  it('rejects a commit the thread never answered when the thread is terminated', async () => {
    const thread = new AuditWriterThread(join(dir, 'x.db'), aScript('silent', ''))
    const pending = thread.commit(tail, [[0]])
    await thread.terminate()
    await expect(pending).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
  })

  it('rejects the commits of a thread that crashed, and starts a new thread for the next commit', async () => {
    const thread = new AuditWriterThread(
      join(dir, 'x.db'),
      aScript(
        'crashes-on-empty',
        `if (message.rows.length === 0) throw new Error('boom')
         parentPort.postMessage({ id: message.id, kind: 'committed' })`,
      ),
    )
    await expect(thread.commit(tail, [])).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('boom'),
    })
    await expect(thread.commit(tail, [[0]])).resolves.toEqual({ kind: 'committed' })
    await thread.terminate()
  })

  it('rejects the commits of a thread that exited', async () => {
    const thread = new AuditWriterThread(join(dir, 'x.db'), aScript('exits', 'process.exit(3)'))
    await expect(thread.commit(tail, [[0]])).rejects.toMatchObject({
      code: 'STORE_UNAVAILABLE',
      message: expect.stringContaining('code 3'),
    })
  })

  it('rejects when the thread cannot open the database', async () => {
    const thread = new AuditWriterThread(dir) // a folder, not a database file
    await expect(thread.commit(tail, [[0]])).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' })
  })

  it('closes without a thread to close when nothing was ever committed or warmed', async () => {
    // A stand-in that leaves a mark when it is loaded: a thread started by close would leave it.
    const marker = join(dir, 'started.marker')
    const file = join(dir, 'marks.mjs')
    writeFileSync(
      file,
      `import { writeFileSync } from 'node:fs'\nwriteFileSync(${JSON.stringify(marker)}, '')\n`,
    )
    const thread = new AuditWriterThread(join(dir, 'never.db'), pathToFileURL(file))
    await expect(thread.close()).resolves.toBeUndefined()
    await new Promise((r) => setTimeout(r, 200))
    expect(existsSync(marker)).toBe(false)
  })

  it('starts the thread when warmed, before any commit', async () => {
    const marker = join(dir, 'warmed.marker')
    const file = join(dir, 'warm-marks.mjs')
    writeFileSync(
      file,
      `import { writeFileSync } from 'node:fs'\nimport { parentPort } from 'node:worker_threads'\nwriteFileSync(${JSON.stringify(marker)}, '')\nparentPort.on('message', () => parentPort.close())\n`,
    )
    const thread = new AuditWriterThread(join(dir, 'warm.db'), pathToFileURL(file))
    thread.warm()
    await expect.poll(() => existsSync(marker)).toBe(true)
    await thread.close()
  })
})
