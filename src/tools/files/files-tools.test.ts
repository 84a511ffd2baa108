import {
  chmodSync,
  constants,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { GovernedTools } from '../governed-tools.js'
import { anOptions, aSandbox, codeOf, textOf } from '../tools-fixture.case.js'
import { writeInside } from './file-operations.js'
import { compileMounts, locate } from './mounts.js'
import { checkPath, openInside } from './safe-path.js'

let box: Awaited<ReturnType<typeof aSandbox>>
let tools: GovernedTools
beforeEach(async () => {
  box = await aSandbox()
  tools = box.tools
})
afterEach(async () => box.cleanup())

describe('files.read', () => {
  it('reads a file under the mount as UTF-8', async () => {
    const result = await tools.call('files.read', { path: '/data/public/welcome.txt' }, anOptions())
    expect(result.isError).toBeUndefined()
    expect(textOf(result)).toContain('Welcome to the Warden demo shop sandbox.')
    expect(result.structuredContent).toMatchObject({ encoding: 'utf8', path: '/data/public/welcome.txt' })
  })

  it('returns binary content as base64', async () => {
    writeFileSync(join(box.data, 'public', 'bin.dat'), Buffer.from([0xff, 0xfe, 0x00, 0x01]))
    const result = await tools.call('files.read', { path: '/data/public/bin.dat' }, anOptions())
    expect(result.structuredContent).toMatchObject({ encoding: 'base64', content: '//4AAQ==' })
  })

  it('refuses a missing file with TOOL_FILE_NOT_FOUND', async () => {
    expect(codeOf(await tools.call('files.read', { path: '/data/public/none.txt' }, anOptions()))).toBe(
      'TOOL_FILE_NOT_FOUND',
    )
  })

  it('re-checks the policy at execution: a path outside the read globs is refused', async () => {
    const other = await aSandbox({ files: { read: ['/data/public/**'] } })
    try {
      const result = await other.tools.call(
        'files.read',
        { path: '/data/reports/q3-summary.md' },
        anOptions(),
      )
      expect(codeOf(result)).toBe('FILES_READ_NOT_ALLOWED')
    } finally {
      await other.cleanup()
    }
  })

  it('refuses a file symlink that points outside the mount', async () => {
    writeFileSync(join(box.cwd, 'secret.txt'), 'top secret')
    symlinkSync(join(box.cwd, 'secret.txt'), join(box.data, 'public', 'link.txt'))
    const result = await tools.call('files.read', { path: '/data/public/link.txt' }, anOptions())
    expect(codeOf(result)).toBe('TOOL_FILE_SYMLINK')
    expect(textOf(result)).not.toContain('top secret')
  })

  it('refuses a folder symlink in the middle of the path', async () => {
    mkdirSync(join(box.cwd, 'outside'))
    writeFileSync(join(box.cwd, 'outside', 'x.txt'), 'outside')
    symlinkSync(join(box.cwd, 'outside'), join(box.data, 'public', 'dir'))
    const result = await tools.call('files.read', { path: '/data/public/dir/x.txt' }, anOptions())
    expect(codeOf(result)).toBe('TOOL_FILE_SYMLINK')
  })

  it('refuses a hard link (a file from elsewhere linked into the mount)', async () => {
    writeFileSync(join(box.cwd, 'shadow'), 'root:x')
    linkSync(join(box.cwd, 'shadow'), join(box.data, 'public', 'shadow'))
    expect(codeOf(await tools.call('files.read', { path: '/data/public/shadow' }, anOptions()))).toBe(
      'TOOL_FILE_HARDLINK',
    )
  })

  it('refuses a file over maxReadBytes', async () => {
    writeFileSync(join(box.data, 'public', 'big.bin'), Buffer.alloc(1_048_577))
    expect(codeOf(await tools.call('files.read', { path: '/data/public/big.bin' }, anOptions()))).toBe(
      'TOOL_FILE_TOO_LARGE',
    )
  })

  it('refuses a path under no mount', async () => {
    const other = await aSandbox({ files: { read: ['/srv/**'] } })
    try {
      expect(codeOf(await other.tools.call('files.read', { path: '/srv/x' }, anOptions()))).toBe(
        'TOOL_MOUNT_NOT_FOUND',
      )
    } finally {
      await other.cleanup()
    }
  })
})

describe('checkPath and openInside', () => {
  it('catches a folder swapped for a symlink between the check and the open', async () => {
    mkdirSync(join(box.cwd, 'outside'))
    writeFileSync(join(box.cwd, 'outside', 'q3-summary.md'), 'stolen')
    const mounts = compileMounts({ '/data': join(box.data) }, box.cwd)
    const located = locate(mounts, '/data/reports/q3-summary.md')
    if (located === undefined) throw new Error('no mount')
    const checked = await checkPath(located)
    if (!checked.ok) throw new Error('check failed')
    renameSync(join(box.data, 'reports'), join(box.cwd, 'reports-moved'))
    symlinkSync(join(box.cwd, 'outside'), join(box.data, 'reports'))
    const opened = await openInside(checked.value, constants.O_RDONLY)
    expect(opened.ok).toBe(false)
    if (!opened.ok) expect(textOf(opened.result)).toMatch(/^TOOL_FILE_ESCAPES_MOUNT/)
  })
})

describe('writeInside', () => {
  it('writes nothing outside when the folder is swapped for a symlink after the check', async () => {
    mkdirSync(join(box.cwd, 'outside'))
    const mounts = compileMounts({ '/data': box.data }, box.cwd)
    const located = locate(mounts, '/data/outputs/result.txt')
    if (located === undefined) throw new Error('no mount')
    const checked = await checkPath(located)
    if (!checked.ok) throw new Error('check failed')
    renameSync(join(box.data, 'outputs'), join(box.cwd, 'outputs-moved'))
    symlinkSync(join(box.cwd, 'outside'), join(box.data, 'outputs'))
    const written = await writeInside(checked.value, Buffer.from('payload'))
    expect(written.ok).toBe(false)
    if (!written.ok) expect(textOf(written.result)).toMatch(/^TOOL_FILE_ESCAPES_MOUNT/)
    expect(readdirSync(join(box.cwd, 'outside'))).toEqual([])
  })
})

describe('files.list', () => {
  it('lists entries and shows links without following them', async () => {
    symlinkSync('/etc', join(box.data, 'public', 'etc'))
    const result = await tools.call('files.list', { path: '/data/public' }, anOptions())
    const entries = (result.structuredContent as { entries: { name: string; type: string }[] }).entries
    expect(entries).toContainEqual({ name: 'etc', type: 'symlink' })
    expect(entries).toContainEqual({ name: 'welcome.txt', type: 'file' })
  })

  it('refuses to list through a symlinked folder', async () => {
    symlinkSync('/etc', join(box.data, 'public', 'etc'))
    expect(codeOf(await tools.call('files.list', { path: '/data/public/etc' }, anOptions()))).toBe(
      'TOOL_FILE_SYMLINK',
    )
  })
})

describe('files.write', () => {
  it('writes atomically, creating missing folders, and leaves no temporary file', async () => {
    const result = await tools.call(
      'files.write',
      { path: '/data/outputs/run-1/out.txt', content: 'hello' },
      anOptions(),
    )
    expect(result.isError).toBeUndefined()
    expect(readFileSync(join(box.data, 'outputs', 'run-1', 'out.txt'), 'utf8')).toBe('hello')
    expect(readdirSync(join(box.data, 'outputs', 'run-1'))).toEqual(['out.txt'])
  })

  it('leaves no partial file when the final rename fails (the target is a folder)', async () => {
    mkdirSync(join(box.data, 'outputs', 'taken'))
    const result = await tools.call('files.write', { path: '/data/outputs/taken', content: 'x' }, anOptions())
    expect(codeOf(result)).toBe('TOOL_FILE_IS_DIRECTORY')
    expect(readdirSync(join(box.data, 'outputs')).sort()).toEqual(['README.txt', 'old-backup.tar', 'taken'])
  })

  it('refuses to write through a symlink (it would replace a file outside)', async () => {
    writeFileSync(join(box.cwd, 'victim.txt'), 'original')
    symlinkSync(join(box.cwd, 'victim.txt'), join(box.data, 'outputs', 'link.txt'))
    expect(
      codeOf(
        await tools.call('files.write', { path: '/data/outputs/link.txt', content: 'pwned' }, anOptions()),
      ),
    ).toBe('TOOL_FILE_SYMLINK')
    expect(readFileSync(join(box.cwd, 'victim.txt'), 'utf8')).toBe('original')
  })

  it('refuses to create folders through a symlinked parent', async () => {
    mkdirSync(join(box.cwd, 'elsewhere'))
    symlinkSync(join(box.cwd, 'elsewhere'), join(box.data, 'outputs', 'sub'))
    expect(
      codeOf(
        await tools.call('files.write', { path: '/data/outputs/sub/a/b.txt', content: 'x' }, anOptions()),
      ),
    ).toBe('TOOL_FILE_SYMLINK')
    expect(readdirSync(join(box.cwd, 'elsewhere'))).toEqual([])
  })

  it('refuses content over maxWriteBytes before touching the disk', async () => {
    const result = await tools.call(
      'files.write',
      { path: '/data/outputs/big.txt', content: 'x'.repeat(1_048_577) },
      anOptions(),
    )
    expect(codeOf(result)).toBe('TOOL_FILE_TOO_LARGE')
    expect(existsSync(join(box.data, 'outputs', 'big.txt'))).toBe(false)
  })

  it('dry-run shows a diff and changes nothing', async () => {
    const before = readFileSync(join(box.data, 'public', 'price-list.csv'))
    const result = await tools.call(
      'files.write',
      { path: '/data/public/price-list.csv', content: before.toString().replace('4.99', '5.49') },
      anOptions({ dryRun: true }),
    )
    const diff = (result.structuredContent as { diff: string }).diff
    expect(diff).toContain('-WID-001,Widget,4.99')
    expect(diff).toContain('+WID-001,Widget,5.49')
    expect(readFileSync(join(box.data, 'public', 'price-list.csv'))).toEqual(before)
  })

  it('dry-run of a new file in new folders creates nothing', async () => {
    const result = await tools.call(
      'files.write',
      { path: '/data/outputs/new/dir/a.txt', content: 'a\n' },
      anOptions({ dryRun: true }),
    )
    expect(result.structuredContent).toMatchObject({ dryRun: true, existed: false })
    expect(existsSync(join(box.data, 'outputs', 'new'))).toBe(false)
  })
})

describe('files.delete', () => {
  it('deletes one file and refuses folders', async () => {
    expect(
      (await tools.call('files.delete', { path: '/data/backups/old/orders-2025.csv' }, anOptions())).isError,
    ).toBeUndefined()
    expect(existsSync(join(box.data, 'backups', 'old', 'orders-2025.csv'))).toBe(false)
    expect(codeOf(await tools.call('files.delete', { path: '/data/backups/old' }, anOptions()))).toBe(
      'TOOL_FILE_IS_DIRECTORY',
    )
  })

  it('dry-run says what would go and keeps it', async () => {
    const result = await tools.call(
      'files.delete',
      { path: '/data/backups/old/orders-2025.csv' },
      anOptions({ dryRun: true }),
    )
    expect(textOf(result)).toMatch(/would delete \/data\/backups\/old\/orders-2025\.csv/)
    expect(existsSync(join(box.data, 'backups', 'old', 'orders-2025.csv'))).toBe(true)
  })

  it('deletes a symlink never, and never its target', async () => {
    writeFileSync(join(box.cwd, 'keep.txt'), 'keep')
    symlinkSync(join(box.cwd, 'keep.txt'), join(box.data, 'outputs', 'l'))
    expect(codeOf(await tools.call('files.delete', { path: '/data/outputs/l' }, anOptions()))).toBe(
      'TOOL_FILE_SYMLINK',
    )
    expect(readFileSync(join(box.cwd, 'keep.txt'), 'utf8')).toBe('keep')
  })
})

describe('rollback of files', () => {
  it('restores an overwritten file byte for byte, with its mode', async () => {
    const path = join(box.data, 'outputs', 'report.bin')
    const original = Buffer.from([0, 1, 2, 255, 10, 13])
    writeFileSync(path, original)
    chmodSync(path, 0o640)
    const options = anOptions()
    await tools.call('files.write', { path: '/data/outputs/report.bin', content: 'replaced' }, options)
    expect(readFileSync(path, 'utf8')).toBe('replaced')
    const report = await tools.rollback(options.actionId)
    expect(report.failed).toEqual([])
    expect(readFileSync(path)).toEqual(original)
    expect(statSync(path).mode & 0o777).toBe(0o640)
  })

  it('removes a file the action created', async () => {
    const options = anOptions()
    await tools.call('files.write', { path: '/data/outputs/new.txt', content: 'n' }, options)
    await tools.rollback(options.actionId)
    expect(existsSync(join(box.data, 'outputs', 'new.txt'))).toBe(false)
  })

  it('brings back a deleted file byte for byte', async () => {
    const path = join(box.data, 'backups', 'old', 'orders-2025.csv')
    const original = readFileSync(path)
    const options = anOptions()
    await tools.call('files.delete', { path: '/data/backups/old/orders-2025.csv' }, options)
    await tools.rollback(options.actionId)
    expect(readFileSync(path)).toEqual(original)
  })

  it('restores the first content when one action wrote twice, and refuses a second rollback', async () => {
    const path = join(box.data, 'public', 'welcome.txt')
    const original = readFileSync(path)
    const options = anOptions()
    await tools.call('files.write', { path: '/data/public/welcome.txt', content: 'one' }, options)
    await tools.call('files.write', { path: '/data/public/welcome.txt', content: 'two' }, options)
    await tools.rollback(options.actionId)
    expect(readFileSync(path)).toEqual(original)
    await expect(tools.rollback(options.actionId)).rejects.toMatchObject({
      code: 'TOOL_ROLLBACK_ALREADY_DONE',
    })
  })

  it('knows no rollback for a dry-run or an unknown action', async () => {
    const options = anOptions({ dryRun: true })
    await tools.call('files.write', { path: '/data/outputs/x.txt', content: 'x' }, options)
    await expect(tools.rollback(options.actionId)).rejects.toMatchObject({ code: 'TOOL_ROLLBACK_NOT_FOUND' })
  })

  it('refuses a snapshot blob that was altered', async () => {
    const options = anOptions()
    await tools.call('files.write', { path: '/data/public/welcome.txt', content: 'new' }, options)
    const blobs = join(box.cwd, '.warden', 'snapshots', 'blobs')
    for (const name of readdirSync(blobs)) writeFileSync(join(blobs, name), 'tampered')
    await expect(tools.rollback(options.actionId)).rejects.toMatchObject({ code: 'TOOL_SNAPSHOT_CORRUPT' })
    rmSync(blobs, { recursive: true })
  })
})

describe('snapshots of one action', () => {
  it('keep every entry when the action writes several files at once', async () => {
    const originals = ['a', 'b', 'c', 'd'].map((n) => {
      writeFileSync(join(box.data, 'outputs', `${n}.txt`), `original ${n}`)
      return n
    })
    const options = anOptions()
    await Promise.all(
      originals.map((n) =>
        tools.call('files.write', { path: `/data/outputs/${n}.txt`, content: 'changed' }, options),
      ),
    )
    const report = await tools.rollback(options.actionId)
    expect(report.restored).toHaveLength(4)
    for (const n of originals)
      expect(readFileSync(join(box.data, 'outputs', `${n}.txt`), 'utf8')).toBe(`original ${n}`)
  })
})
