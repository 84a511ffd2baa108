import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { openStore } from '../store/open-store.js'
import { importLegacyKillSwitchFiles, legacyKillSwitchFilesFor } from './legacy-import.js'
import { openLocalKillSwitch } from './open-local.js'

const pause = (agentId: string) => ({
  id: randomUUID(),
  kind: 'pause',
  agentId,
  reason: 'from the old file',
  actor: 'cli:alice',
  at: 1_000,
  origin: 'old',
})
const jsonl = (values: unknown[]) => values.map((v) => `${JSON.stringify(v)}\n`).join('')

async function aWorkspace(events: string, incidents?: string) {
  const cwd = await mkdtemp(join(tmpdir(), 'warden-legacy-'))
  await mkdir(join(cwd, '.warden'))
  await writeFile(join(cwd, '.warden', 'killswitch.jsonl'), events)
  if (incidents !== undefined) await writeFile(join(cwd, '.warden', 'incidents.jsonl'), incidents)
  return cwd
}

describe('importLegacyKillSwitchFiles', () => {
  it('finds the files beside a SQLite store, or under .warden/ for other stores', () => {
    expect(legacyKillSwitchFilesFor('sqlite:state/w.db', '/srv')).toEqual({
      events: '/srv/state/killswitch.jsonl',
      incidents: '/srv/state/incidents.jsonl',
    })
    expect(legacyKillSwitchFilesFor('postgres://db/w', '/srv').events).toBe('/srv/.warden/killswitch.jsonl')
  })

  it('keeps a pause made by an earlier version in force after the upgrade, once', async () => {
    const cwd = await aWorkspace(
      // The last line was cut short by a crash: never acknowledged, ignored.
      `${jsonl([pause('reporter')])}{"id":"torn","kind":"res`,
      `${jsonl([{ id: 'i1', kind: 'paused', agentId: 'reporter', reason: 'r', actor: 'a', at: 1_000, origin: 'o' }])}{bad\n`,
    )
    const opened = await openLocalKillSwitch({ storeUrl: 'sqlite:.warden/warden.db', busUrl: 'memory:', cwd })
    try {
      expect(opened.killSwitch.admit('reporter')).toMatchObject({ ok: false, code: 'AGENT_PAUSED' })
      expect((await opened.incidents.list()).map((i) => i.id)).toEqual(['i1'])
    } finally {
      await opened.close()
    }
    expect(existsSync(join(cwd, '.warden', 'killswitch.jsonl'))).toBe(false)
    expect(existsSync(join(cwd, '.warden', 'killswitch.jsonl.imported'))).toBe(true)
    const store = await openStore('sqlite:.warden/warden.db', { cwd })
    expect(await importLegacyKillSwitchFiles(store, 'sqlite:.warden/warden.db', cwd)).toEqual({
      events: 0,
      incidents: 0,
    })
    expect((await store.killSwitch.load()).events).toHaveLength(1)
    await store.close()
  })

  it('refuses to start on a file line that is not an event (KILL_SWITCH_LOAD_FAILED), leaving the file', async () => {
    const cwd = await aWorkspace(`{"not":"an event"}\n${jsonl([pause('a')])}`)
    await expect(
      openLocalKillSwitch({ storeUrl: 'sqlite:.warden/warden.db', busUrl: 'memory:', cwd }),
    ).rejects.toMatchObject({ code: 'KILL_SWITCH_LOAD_FAILED' })
    expect(existsSync(join(cwd, '.warden', 'killswitch.jsonl'))).toBe(true)
  })

  it('leaves the files alone for a store that forgets on exit', async () => {
    const cwd = await aWorkspace(jsonl([pause('a')]))
    const store = await openStore('memory:')
    expect(await importLegacyKillSwitchFiles(store, 'memory:', cwd)).toEqual({ events: 0, incidents: 0 })
    expect(existsSync(join(cwd, '.warden', 'killswitch.jsonl'))).toBe(true)
  })
})
