import { describe, expect, it } from 'vitest'
import { runBusContract } from '../bus.contract.js'
import { NatsBus } from './nats-bus.js'

const url = process.env['WARDEN_TEST_NATS']
if (url === undefined)
  console.warn('nats-bus.test.ts: WARDEN_TEST_NATS is not set; the NATS bus contract is skipped')

describe.skipIf(url === undefined)('NatsBus', () => {
  runBusContract('nats', () => NatsBus.open(url!))
})

describe('NatsBus.open', () => {
  it('throws BUS_UNAVAILABLE when nothing listens', async () => {
    await expect(NatsBus.open('nats://127.0.0.1:1')).rejects.toMatchObject({ code: 'BUS_UNAVAILABLE' })
  })
})
