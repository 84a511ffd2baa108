import { type Stats, unwatchFile, watchFile } from 'node:fs'
import type { ToolPins } from './tool-pins.js'

/** How often a running gateway looks at its pin file for acceptances made by `warden tools accept`. */
export const PIN_FILE_POLL_MS = 500

/**
 * Keeps a running gateway's pins in step with the pin file, which `warden tools accept` (another process)
 * rewrites: on any change of the file (it is replaced by rename, so its inode, size and mtime change), the
 * pins are re-read and `changed` is called so sessions receive `notifications/tools/list_changed`.
 *
 * Stat polling rather than `fs.watch`: it survives the file being replaced or not existing yet, and behaves
 * the same on every platform. A pin file that cannot be read leaves the previous pins in force (ToolPins.reload
 * rejects; nothing becomes visible that was not accepted before) and is reported through `log`.
 *
 * @example
 * const stop = watchPinFile(pinsFileFor(storeUrl, cwd), pins, () => router.changed())
 */
export function watchPinFile(
  path: string,
  pins: ToolPins,
  changed: () => void,
  options: { intervalMs?: number; log?: (line: string) => void } = {},
): () => void {
  const log = options.log ?? ((line: string) => process.stderr.write(`warden: ${line}\n`))
  const listener = (current: Stats, previous: Stats) => {
    // Node also calls once at the start when the file does not exist yet: nothing to reload then.
    if (current.mtimeMs === 0 && previous.mtimeMs === 0) return
    pins.reload().then(changed, (error: unknown) => {
      log(`tool pins not reloaded (${(error as Error).message}); the previous pins stay in force`)
    })
  }
  const watcher = watchFile(
    path,
    { interval: options.intervalMs ?? PIN_FILE_POLL_MS, persistent: false },
    listener,
  )
  watcher.unref()
  return () => unwatchFile(path, listener)
}
