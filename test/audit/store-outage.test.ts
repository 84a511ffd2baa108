import { type AddressInfo, createConnection, createServer, type Server, type Socket } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { AuditLog } from '../../src/audit/audit-log.js'
import { anEntry } from '../../src/audit/test-entry.js'
import { verifyLog } from '../../src/audit/verify.js'
import { openStore } from '../../src/store/open-store.js'
import { dropCreatedSchemas, pgTestUrl } from '../../src/store/postgres/pg-test-url.js'

const base = process.env.WARDEN_TEST_PG
if (base === undefined)
  console.warn('store outage: WARDEN_TEST_PG is not set; the PostgreSQL outage test is skipped')
afterAll(dropCreatedSchemas)

/**
 * A TCP relay in front of the shared PostgreSQL: `stop()` cuts every connection and refuses new ones,
 * exactly what the client sees when the server goes down, without stopping a server others use.
 */
class Relay {
  private server: Server | null = null
  private readonly sockets = new Set<Socket>()
  port = 0

  constructor(
    private readonly host: string,
    private readonly target: number,
  ) {}

  async start(): Promise<void> {
    const server = createServer((inbound) => {
      const outbound = createConnection({ host: this.host, port: this.target })
      for (const s of [inbound, outbound]) {
        this.sockets.add(s)
        s.on('close', () => this.sockets.delete(s))
        s.on('error', () => s.destroy())
      }
      inbound.pipe(outbound).pipe(inbound)
    })
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve))
    this.port = (server.address() as AddressInfo).port
    this.server = server
  }

  async stop(): Promise<void> {
    const server = this.server
    this.server = null
    for (const s of this.sockets) s.destroy()
    if (server !== null) await new Promise((resolve) => server.close(resolve))
  }
}

describe.skipIf(base === undefined)('audit store outage (PostgreSQL goes away mid-run)', () => {
  it('rejects appends with AUDIT_UNAVAILABLE, acknowledges nothing unstored, and resumes when the store returns', async () => {
    const direct = new URL(await pgTestUrl(base as string))
    const relay = new Relay(direct.hostname, Number(direct.port || 5432))
    await relay.start()
    const viaRelay = new URL(direct)
    viaRelay.host = `127.0.0.1:${relay.port}`
    const store = await openStore(viaRelay.toString())
    const log = await AuditLog.open(store, { checkpointEvery: 0 })
    const acked: { seq: number; leafHash: string }[] = []
    const attempt = async (tag: string) => {
      const results = await Promise.allSettled(
        Array.from({ length: 50 }, (_, i) => log.append(anEntry({ actionId: `${tag}${i}` }))),
      )
      for (const r of results) if (r.status === 'fulfilled') acked.push(r.value)
      return results
    }

    expect((await attempt('before')).every((r) => r.status === 'fulfilled')).toBe(true)
    const inFlight = attempt('during-cut')
    await relay.stop()
    await inFlight
    const down = await attempt('down')
    expect(down.every((r) => r.status === 'rejected')).toBe(true)
    for (const r of down)
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'AUDIT_UNAVAILABLE' })

    await relay.start()
    const after = await attempt('after')
    expect(after.every((r) => r.status === 'fulfilled')).toBe(true)

    const check = await openStore(direct.toString())
    for (const ack of acked) {
      const [row] = await check.audit.scan(ack.seq, 1)
      expect(row?.leafHash).toBe(ack.leafHash)
    }
    expect((await verifyLog(check.audit, { publicKey: log.key.publicKey })).ok).toBe(true)
    await check.close()
    await store.close()
    await relay.stop()
  })
})
