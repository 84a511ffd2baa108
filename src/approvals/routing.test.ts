import { describe, expect, it } from 'vitest'
import { approvalsConfig } from './config-schema.js'
import { routeRequest } from './routing.js'

const config = approvalsConfig({
  groups: { finance: ['alice', 'bob'], security: ['carol'], ops: ['erin'] },
  routes: [
    { tool: 'payments.*', group: 'finance' },
    { agent: 'deployer', group: 'ops' },
    { risk: 'critical', group: 'security' },
    { tool: 'db.query', group: 'typo' },
  ],
})

describe('routeRequest', () => {
  it('sends transfers to finance, an agent to its group, critical risk to security', () => {
    expect(routeRequest(config, { agent: 'a', tool: 'payments.transfer' }, 'high').group).toBe('finance')
    expect(routeRequest(config, { agent: 'deployer', tool: 'x' }, 'low')).toEqual({
      group: 'ops',
      approvers: ['erin'],
    })
    expect(routeRequest(config, { agent: 'a', tool: 'files.delete' }, 'critical').approvers).toEqual([
      'carol',
    ])
  })

  it('takes the first matching route and treats risk as a minimum', () => {
    expect(routeRequest(config, { agent: 'a', tool: 'payments.transfer' }, 'critical').group).toBe('finance')
    expect(routeRequest(config, { agent: 'a', tool: 'files.delete' }, 'high').group).toBeNull()
  })

  it('fails closed on a route to a group that does not exist: nobody can approve', () => {
    const route = routeRequest(config, { agent: 'a', tool: 'db.query' }, 'low')
    expect(route.group).toBe('typo')
    expect(route.approvers).toHaveLength(1)
    expect(['alice', 'bob', 'carol', 'erin', '']).not.toContain(route.approvers[0])
  })

  it('uses defaultGroup when no route matches', () => {
    const withDefault = approvalsConfig({ groups: { leads: ['lee'] }, defaultGroup: 'leads' })
    expect(routeRequest(withDefault, { agent: 'a', tool: 'x' }, 'low')).toEqual({
      group: 'leads',
      approvers: ['lee'],
    })
  })
})
