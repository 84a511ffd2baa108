import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { WardenError } from '../../errors/warden-error.js'
import { stateFolderFor } from '../../store/state-folder.js'
import type { ToolDefinition } from '../tool-source.js'

/** An operator's acceptance of one tool definition. */
export interface Pin {
  /** toolDefinitionHash of the accepted definition (`sha256:<hex>`). */
  readonly hash: string
  readonly acceptedAt: string
  /** `cli:alice`, `tofu` (trust on first use), `api:bob`. */
  readonly acceptedBy: string
  /** The accepted definition, kept so a change can be shown as a difference. */
  readonly definition?: ToolDefinition
}

/** Where pins live. Load errors throw (`PIN_STORE_INVALID`), never read as "no pins". */
export interface PinStore {
  load(): Promise<Map<string, Pin>>
  save(pins: ReadonlyMap<string, Pin>): Promise<void>
}

/** Pins in memory, for tests and for `warden check`. */
export class MemoryPinStore implements PinStore {
  #pins = new Map<string, Pin>()

  async load(): Promise<Map<string, Pin>> {
    return new Map(this.#pins)
  }

  async save(pins: ReadonlyMap<string, Pin>): Promise<void> {
    this.#pins = new Map(pins)
  }
}

const pinSchema = z.object({
  hash: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  acceptedAt: z.string(),
  acceptedBy: z.string(),
  definition: z
    .object({
      name: z.string(),
      description: z.string(),
      inputSchema: z.object({ type: z.literal('object') }).loose(),
    })
    .loose()
    .optional(),
})
const fileSchema = z.object({ version: z.literal(1), pins: z.record(z.string(), pinSchema) })

/**
 * Pins in a JSON file (`.warden/pins.json` beside the SQLite store), mode 0600, replaced atomically
 * (write a temporary file, fsync, rename) so a crash leaves the old pins or the new ones, never half.
 */
export class JsonFilePinStore implements PinStore {
  readonly path: string

  constructor(path: string) {
    this.path = path
  }

  async load(): Promise<Map<string, Pin>> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map()
      throw new WardenError('PIN_STORE_INVALID', `${this.path}: cannot read (${(error as Error).message})`)
    }
    let parsed: z.infer<typeof fileSchema>
    try {
      parsed = fileSchema.parse(JSON.parse(text))
    } catch (error) {
      const detail =
        error instanceof z.ZodError ? (error.issues[0]?.message ?? 'invalid') : (error as Error).message
      throw new WardenError('PIN_STORE_INVALID', `${this.path}: not a pin file (${detail})`)
    }
    return new Map(Object.entries(parsed.pins).map(([name, pin]) => [name, pin as Pin]))
  }

  async save(pins: ReadonlyMap<string, Pin>): Promise<void> {
    const folder = dirname(this.path)
    await mkdir(folder, { recursive: true, mode: 0o700 })
    const sorted = Object.fromEntries([...pins].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
    const text = `${JSON.stringify({ version: 1, pins: sorted }, null, 2)}\n`
    const temporary = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`
    const file = await open(temporary, 'wx', 0o600)
    try {
      await file.writeFile(text, 'utf8')
      await file.datasync()
    } finally {
      await file.close()
    }
    try {
      await rename(temporary, this.path)
    } catch (error) {
      await rm(temporary, { force: true })
      throw error
    }
    await syncFolder(folder)
  }
}

/** Where pins.json lives for a store URL: beside the SQLite file, else `.warden/` under `cwd`. */
export function pinsFileFor(storeUrl: string, cwd: string): string {
  return join(stateFolderFor(storeUrl, cwd), 'pins.json')
}

// The rename is durable only once the folder's entry is on disk (not possible on every platform).
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Windows cannot open folders; the rename is still atomic there.
  }
}
