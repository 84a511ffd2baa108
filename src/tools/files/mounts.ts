import { isAbsolute, resolve } from 'node:path'
import { WardenError } from '../../errors/warden-error.js'
import { canonicalizePolicyPath } from '../../policy/files/canonical-path.js'

/** One `governed.files.mounts` entry: a policy path prefix and the real folder behind it. */
export interface Mount {
  /** Canonical policy prefix (`/data`). */
  readonly virtual: string
  /** The configured folder, absolute (its realpath is taken per call: it may be created later). */
  readonly root: string
}

/** A policy path placed under its mount: the segments below the mount's root. */
export interface Located {
  readonly mount: Mount
  readonly path: string
  readonly segments: readonly string[]
}

/**
 * Compiles `governed.files.mounts` once: each key must be a canonical absolute policy path, each folder
 * is made absolute against `cwd`. Longest prefix first, so `/data/private` wins over `/data`.
 *
 * @example compileMounts({ '/data': './sandbox/data' }, '/srv/warden')
 */
export function compileMounts(mounts: Readonly<Record<string, string>>, cwd: string): readonly Mount[] {
  const compiled = Object.entries(mounts).map(([virtual, folder]) => {
    const canonical = canonicalizePolicyPath(virtual)
    if (!canonical.ok || canonical.path !== virtual) {
      throw new WardenError(
        'TOOL_MOUNT_INVALID',
        `governed.files.mounts key ${JSON.stringify(virtual)} must be a canonical absolute path`,
      )
    }
    if (folder.length === 0 || folder.includes('\0')) {
      throw new WardenError('TOOL_MOUNT_INVALID', `governed.files.mounts.${virtual} needs a folder`)
    }
    return Object.freeze({ virtual, root: isAbsolute(folder) ? folder : resolve(cwd, folder) })
  })
  compiled.sort((a, b) => b.virtual.length - a.virtual.length)
  return Object.freeze(compiled)
}

/** The mount a canonical policy path falls under, or undefined (no mount: nothing to act on). */
export function locate(mounts: readonly Mount[], path: string): Located | undefined {
  for (const mount of mounts) {
    if (mount.virtual === '/') return { mount, path, segments: path.split('/').filter(Boolean) }
    if (path === mount.virtual) return { mount, path, segments: [] }
    if (path.startsWith(`${mount.virtual}/`)) {
      return { mount, path, segments: path.slice(mount.virtual.length + 1).split('/') }
    }
  }
  return undefined
}
