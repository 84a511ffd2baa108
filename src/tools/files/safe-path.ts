import { constants, existsSync, type Stats } from 'node:fs'
import { type FileHandle, lstat, mkdir, open, readlink, realpath } from 'node:fs/promises'
import { join, sep } from 'node:path'
import { type Outcome, refusedWith } from '../tool-result.js'
import type { Located } from './mounts.js'

/** A path inside a mount whose parent folders were checked: none is a symlink, all are real folders. */
export interface CheckedPath {
  readonly located: Located
  /** The mount root's realpath. */
  readonly root: string
  readonly realPath: string
  readonly parent: string
  /** lstat of the final component, undefined when it does not exist. */
  readonly stat: Stats | undefined
}

/**
 * Walks from the mount root to the target one component at a time with lstat, so a symlink anywhere
 * (file or folder, planted by anyone) cannot lead outside the mount: a symlinked component is refused,
 * never followed. With `createParents`, missing folders are created one by one and checked the same way.
 */
export async function checkPath(
  located: Located,
  options: { createParents?: boolean; allowMissingParents?: boolean } = {},
): Promise<Outcome<CheckedPath>> {
  let root: string
  try {
    root = await realpath(located.mount.root)
  } catch {
    return refusedWith('TOOL_MOUNT_MISSING', `the folder behind ${located.mount.virtual} does not exist`)
  }
  let current = root
  const { segments } = located
  for (let i = 0; i < segments.length - 1; i++) {
    current = join(current, segments[i] as string)
    let stat = await lstatOrUndefined(current)
    if (stat === undefined && options.createParents === true) {
      await mkdir(current).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw error
      })
      stat = await lstatOrUndefined(current)
    }
    const shown = shownPath(located, i + 1)
    if (stat === undefined && options.allowMissingParents === true) {
      // A dry-run of a write into folders that do not exist yet: nothing below can be a link.
      const realPath = join(current, ...segments.slice(i + 1))
      return { ok: true, value: { located, root, realPath, parent: current, stat: undefined } }
    }
    if (stat === undefined) return refusedWith('TOOL_FILE_NOT_FOUND', `${shown} does not exist`)
    if (stat.isSymbolicLink()) {
      return refusedWith(
        'TOOL_FILE_SYMLINK',
        `${shown} is a symbolic link; governed tools never follow links`,
      )
    }
    if (!stat.isDirectory()) return refusedWith('TOOL_FILE_NOT_DIRECTORY', `${shown} is not a folder`)
  }
  const realPath = segments.length === 0 ? root : join(current, segments[segments.length - 1] as string)
  const stat = await lstatOrUndefined(realPath)
  if (stat?.isSymbolicLink() === true) {
    return refusedWith(
      'TOOL_FILE_SYMLINK',
      `${located.path} is a symbolic link; governed tools never follow links`,
    )
  }
  return { ok: true, value: { located, root, realPath, parent: current, stat } }
}

/**
 * Opens a checked path without following a final symlink (O_NOFOLLOW) and confirms, from the open
 * descriptor itself, that the file lies inside the mount: a folder swapped for a symlink between
 * checkPath and open is caught here, because the kernel reports where the descriptor really points.
 */
export async function openInside(
  checked: CheckedPath,
  flags: number,
  mode?: number,
  path: string = checked.realPath,
): Promise<Outcome<FileHandle>> {
  let handle: FileHandle
  try {
    handle = await open(path, flags | constants.O_NOFOLLOW | constants.O_NONBLOCK, mode)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ELOOP')
      return refusedWith('TOOL_FILE_SYMLINK', `${checked.located.path} is a symbolic link`)
    if (code === 'ENOENT') return refusedWith('TOOL_FILE_NOT_FOUND', `${checked.located.path} does not exist`)
    if (code === 'EISDIR') return refusedWith('TOOL_FILE_IS_DIRECTORY', `${checked.located.path} is a folder`)
    throw error
  }
  const where = await descriptorPath(handle, path)
  if (!inside(checked.root, where)) {
    await handle.close()
    return refusedWith('TOOL_FILE_ESCAPES_MOUNT', `${checked.located.path} resolves outside its mount`)
  }
  return { ok: true, value: handle }
}

/** Whether `path` is `root` or below it. */
export function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`)
}

// Linux names an open folder as /proc/self/fd/N, and paths through it stay in that very folder.
const PROC_FD = existsSync('/proc/self/fd')

/**
 * Runs `work` with a path that names the checked parent folder itself, not whatever its path names now:
 * the folder is opened (O_DIRECTORY, O_NOFOLLOW), the descriptor must be exactly the checked folder, and
 * on Linux `work` gets `/proc/self/fd/N` — the openat() of Node — so creating, renaming and unlinking
 * happen in the folder that was checked even if a path component is swapped for a link meanwhile.
 * Elsewhere it gets the checked path, and the descriptor checks of openInside still apply.
 */
export async function inParentFolder<T>(
  checked: CheckedPath,
  work: (dir: string) => Promise<Outcome<T>>,
): Promise<Outcome<T>> {
  let handle: FileHandle
  try {
    handle = await open(checked.parent, constants.O_RDONLY | constants.O_DIRECTORY | constants.O_NOFOLLOW)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT')
      return refusedWith('TOOL_FILE_NOT_FOUND', `the folder of ${checked.located.path} does not exist`)
    if (code === 'ELOOP' || code === 'ENOTDIR') {
      return refusedWith(
        'TOOL_FILE_ESCAPES_MOUNT',
        `the folder of ${checked.located.path} is no longer a folder inside the mount`,
      )
    }
    throw error
  }
  try {
    if ((await descriptorPath(handle, checked.parent)) !== checked.parent) {
      return refusedWith(
        'TOOL_FILE_ESCAPES_MOUNT',
        `the folder of ${checked.located.path} resolves outside its mount`,
      )
    }
    return await work(PROC_FD ? `/proc/self/fd/${handle.fd}` : checked.parent)
  } finally {
    await handle.close()
  }
}

/** Re-checks, just before a rename or unlink, that the parent folder still resolves inside the mount. */
export async function parentStillInside(checked: CheckedPath): Promise<boolean> {
  try {
    return (await realpath(checked.parent)) === checked.parent && inside(checked.root, checked.parent)
  } catch {
    return false
  }
}

// Linux names an open descriptor's real path under /proc/self/fd; elsewhere realpath is the fallback.
async function descriptorPath(handle: FileHandle, path: string): Promise<string> {
  try {
    return await readlink(`/proc/self/fd/${handle.fd}`)
  } catch {
    return realpath(path)
  }
}

async function lstatOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await lstat(path)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
}

function shownPath(located: Located, depth: number): string {
  const base = located.mount.virtual === '/' ? '' : located.mount.virtual
  return `${base}/${located.segments.slice(0, depth).join('/')}`
}
