import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { opendir, rename, unlink } from 'node:fs/promises'
import { join } from 'node:path'
import { type Outcome, refusedWith } from '../tool-result.js'
import { type CheckedPath, inParentFolder, openInside, parentStillInside } from './safe-path.js'

/**
 * Reads a regular file inside its mount, at most `maxBytes`. Refused: folders, devices and FIFOs, a file
 * with more than one hard link (a link planted inside the mount to a file outside it), and larger files.
 */
export async function readInside(checked: CheckedPath, maxBytes: number): Promise<Outcome<Buffer>> {
  const opened = await openInside(checked, constants.O_RDONLY)
  if (!opened.ok) return opened
  const handle = opened.value
  try {
    const stat = await handle.stat()
    const path = checked.located.path
    if (stat.isDirectory())
      return refusedWith('TOOL_FILE_IS_DIRECTORY', `${path} is a folder (use files.list)`)
    if (!stat.isFile()) return refusedWith('TOOL_FILE_NOT_REGULAR', `${path} is not a regular file`)
    if (stat.nlink > 1) {
      return refusedWith(
        'TOOL_FILE_HARDLINK',
        `${path} has ${stat.nlink} hard links; it may be a file from outside the mount`,
      )
    }
    if (stat.size > maxBytes) {
      return refusedWith('TOOL_FILE_TOO_LARGE', `${path} is ${stat.size} bytes; the limit is ${maxBytes}`)
    }
    const buffer = Buffer.alloc(stat.size)
    let read = 0
    while (read < stat.size) {
      const { bytesRead } = await handle.read(buffer, read, stat.size - read, read)
      if (bytesRead === 0) break
      read += bytesRead
    }
    return { ok: true, value: buffer.subarray(0, read) }
  } finally {
    await handle.close()
  }
}

/**
 * Writes atomically: the bytes go to a fresh temporary file beside the target (O_EXCL, O_NOFOLLOW),
 * are flushed to disk, and replace the target by rename. A failure at any step removes the temporary
 * file, so readers see the old content or the new, never a partial file.
 */
export async function writeInside(
  checked: CheckedPath,
  bytes: Uint8Array,
  mode = 0o644,
): Promise<Outcome<void>> {
  const path = checked.located.path
  if (checked.stat?.isDirectory() === true)
    return refusedWith('TOOL_FILE_IS_DIRECTORY', `${path} is a folder`)
  if (checked.stat !== undefined && !checked.stat.isFile()) {
    return refusedWith('TOOL_FILE_NOT_REGULAR', `${path} is not a regular file`)
  }
  const name = checked.located.segments.at(-1) ?? 'file'
  return inParentFolder<void>(checked, async (dir) => {
    const temp = join(dir, `.${name.slice(0, 100)}.warden-${randomBytes(6).toString('hex')}.tmp`)
    let renamed = false
    try {
      const opened = await openInside(
        checked,
        constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
        mode,
        temp,
      )
      if (!opened.ok) return opened
      const handle = opened.value
      try {
        await handle.writeFile(bytes)
        // The umask narrowed the mode at open; a restored file must get its recorded mode exactly.
        await handle.chmod(mode)
        await handle.sync()
      } finally {
        await handle.close()
      }
      if (!(await parentStillInside(checked))) {
        return refusedWith('TOOL_FILE_ESCAPES_MOUNT', `the folder of ${path} changed while writing`)
      }
      await rename(temp, join(dir, name))
      renamed = true
      return { ok: true, value: undefined }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') {
        return refusedWith('TOOL_FILE_IS_DIRECTORY', `${path} is a folder`)
      }
      return refusedWith('TOOL_FILE_IO_ERROR', `writing ${path} failed (${code ?? 'error'})`)
    } finally {
      if (!renamed) await unlink(temp).catch(() => undefined)
    }
  })
}

/** Removes one regular file (never a folder, never through a link). */
export async function deleteInside(checked: CheckedPath): Promise<Outcome<void>> {
  const path = checked.located.path
  if (checked.stat === undefined) return refusedWith('TOOL_FILE_NOT_FOUND', `${path} does not exist`)
  if (checked.stat.isDirectory())
    return refusedWith('TOOL_FILE_IS_DIRECTORY', `${path} is a folder; only files are deleted`)
  if (!checked.stat.isFile()) return refusedWith('TOOL_FILE_NOT_REGULAR', `${path} is not a regular file`)
  const name = checked.located.segments.at(-1) ?? ''
  return inParentFolder<void>(checked, async (dir) => {
    if (!(await parentStillInside(checked))) {
      return refusedWith('TOOL_FILE_ESCAPES_MOUNT', `the folder of ${path} changed before the delete`)
    }
    await unlink(join(dir, name))
    return { ok: true, value: undefined }
  })
}

/** One entry of a files.list result. */
export interface ListEntry {
  readonly name: string
  readonly type: 'file' | 'directory' | 'symlink' | 'other'
  readonly size?: number
}

/** Lists a folder without following links (a symlink is shown as one), at most `maxEntries` entries. */
export async function listInside(
  checked: CheckedPath,
  maxEntries: number,
): Promise<Outcome<{ entries: ListEntry[]; truncated: boolean }>> {
  const path = checked.located.path
  if (checked.stat === undefined) return refusedWith('TOOL_FILE_NOT_FOUND', `${path} does not exist`)
  if (!checked.stat.isDirectory()) return refusedWith('TOOL_FILE_NOT_DIRECTORY', `${path} is not a folder`)
  if (!(await parentStillInside(checked))) {
    return refusedWith('TOOL_FILE_ESCAPES_MOUNT', `${path} resolves outside its mount`)
  }
  const entries: ListEntry[] = []
  let truncated = false
  const dir = await opendir(checked.realPath)
  for await (const entry of dir) {
    if (entries.length >= maxEntries) {
      truncated = true
      break
    }
    const type = entry.isSymbolicLink()
      ? 'symlink'
      : entry.isDirectory()
        ? 'directory'
        : entry.isFile()
          ? 'file'
          : 'other'
    entries.push({ name: entry.name, type })
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  return { ok: true, value: { entries, truncated } }
}
