import { appendFile, mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Incident } from './incident.js'
import { JsonlIncidentSink } from './jsonl-incident-sink.js'

const anIncident = (over: Partial<Incident>): Incident => ({
  id: `i-${Math.random()}`,
  kind: 'paused',
  reason: 'r',
  actor: 'op',
  at: 1_000,
  origin: 'o',
  ...over,
})

describe('JsonlIncidentSink', () => {
  it('lists what it recorded, filtered by agent and time, newest last, skipping torn lines', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'warden-inc-')), 'incidents.jsonl')
    const sink = new JsonlIncidentSink(path)
    expect(await sink.list()).toEqual([])
    await sink.record(anIncident({ agentId: 'a', at: 1 }))
    await appendFile(path, '{"torn":\n')
    await sink.record(anIncident({ agentId: 'b', at: 2 }))
    await sink.record(anIncident({ kind: 'emergency-stop', at: 3 }))
    expect((await sink.list()).map((i) => i.at)).toEqual([1, 2, 3])
    expect((await sink.list({ agentId: 'b' })).map((i) => i.at)).toEqual([2])
    expect((await sink.list({ sinceMs: 2 })).map((i) => i.at)).toEqual([2, 3])
    expect((await sink.list({ limit: 1 })).map((i) => i.kind)).toEqual(['emergency-stop'])
  })

  it('fails with INCIDENT_LOG_FAILED when it cannot write', async () => {
    const file = join(await mkdtemp(join(tmpdir(), 'warden-inc-')), 'a-file')
    await appendFile(file, '')
    const sink = new JsonlIncidentSink(join(file, 'incidents.jsonl'))
    await expect(sink.record(anIncident({}))).rejects.toMatchObject({ code: 'INCIDENT_LOG_FAILED' })
  })
})
