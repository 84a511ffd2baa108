import { describe, expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { approvalSettings } from './from-config.js'

describe('approvalSettings', () => {
  it('reads approvals: and agent owners from warden.yaml', () => {
    const { config } = parseConfig(`
agents:
  payer: { owner: owen }
  reader: {}
approvals:
  timeoutMs: 60000
  quorum: 3
  groups: { finance: [alice, bob, carol] }
  routes: [{ tool: payments.transfer, group: finance }]
  webhook: https://hooks.example/T/B/x
`)
    const settings = approvalSettings(config)
    expect(settings.owners).toEqual({ payer: 'owen' })
    expect(settings.config).toMatchObject({ timeoutMs: 60_000, quorum: 3, routes: [{ group: 'finance' }] })
    expect(typeof settings.notify).toBe('function')
  })

  it('denies by default after 15 minutes when approvals: is absent, with no webhook', () => {
    const settings = approvalSettings(parseConfig('agents: {}').config)
    expect(settings.config.timeoutMs).toBe(900_000)
    expect(settings.notify).toBeUndefined()
  })

  it('refuses a misspelled key and a quorum below two', () => {
    expect(() => parseConfig('approvals: { timeout: 5 }')).toThrow()
    expect(() => parseConfig('approvals: { quorum: 1 }')).toThrow()
  })
})
