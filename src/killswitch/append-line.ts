import { mkdir, open } from 'node:fs/promises'
import { dirname } from 'node:path'

const TAIL_BYTES = 65_536

/**
 * Appends one line and flushes it to disk before resolving: a kill-switch change is acknowledged only
 * once it would survive a power cut. O_APPEND keeps whole lines from two processes (a gateway and the
 * CLI) from interleaving. A last line left unterminated by a crash was never acknowledged: it is cut
 * off first, so the new line is not glued onto it and the file stays readable.
 */
export async function appendLine(path: string, line: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 })
  const file = await open(path, 'a+', 0o600)
  try {
    const { size } = await file.stat()
    if (size > 0) {
      const length = Math.min(size, TAIL_BYTES)
      const tail = Buffer.alloc(length)
      await file.read(tail, 0, length, size - length)
      if (tail[length - 1] !== 0x0a) {
        const lastNewline = tail.lastIndexOf(0x0a)
        await file.truncate(lastNewline === -1 ? size - length : size - length + lastNewline + 1)
      }
    }
    await file.write(`${line}\n`)
    await file.datasync()
  } finally {
    await file.close()
  }
}
