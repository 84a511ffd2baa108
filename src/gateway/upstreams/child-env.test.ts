import { describe, expect, it } from 'vitest'
import type { WardenError } from '../../errors/warden-error.js'
import { backoffDelayMs } from './backoff.js'
import { childEnvironment, resolveReferences } from './child-env.js'

const ref = (name: string) => `\${${name}}`

describe('childEnvironment', () => {
  it('holds PATH and the configured variables only, whatever else the gateway has', () => {
    const gateway = { PATH: '/usr/bin', HOME: '/root', AWS_SECRET_ACCESS_KEY: 'x', GITHUB_TOKEN: 'ghp_1' }
    const env = childEnvironment(
      { GITHUB_TOKEN: ref('GITHUB_TOKEN'), MODE: 'ro' },
      gateway,
      'upstreams.gh.env',
    )
    expect(env).toEqual({ PATH: '/usr/bin', GITHUB_TOKEN: 'ghp_1', MODE: 'ro' })
  })

  it('lets the configuration set PATH itself', () => {
    expect(childEnvironment({ PATH: '/opt/bin' }, { PATH: '/usr/bin' }, 'e')).toEqual({ PATH: '/opt/bin' })
  })
})

describe('resolveReferences', () => {
  it('replaces VAR references, with a :- default (the default also for an empty value, as in sh)', () => {
    expect(resolveReferences(`Bearer ${ref('T')}`, { T: 'abc' }, 'k')).toBe('Bearer abc')
    expect(resolveReferences(ref('M:-ro'), {}, 'k')).toBe('ro')
    expect(resolveReferences(ref('M:-ro'), { M: '' }, 'k')).toBe('ro')
    expect(resolveReferences(ref('M'), { M: '' }, 'k')).toBe('')
    expect(resolveReferences('$HOME and ${ not a ref', {}, 'k')).toBe('$HOME and ${ not a ref')
  })

  it('fails with CONFIG_ENV_MISSING naming the key and the variable', () => {
    let error: WardenError | undefined
    try {
      resolveReferences(ref('MISSING'), {}, 'upstreams.gh.env.TOKEN')
    } catch (e) {
      error = e as WardenError
    }
    expect(error?.code).toBe('CONFIG_ENV_MISSING')
    expect(error?.message).toContain('upstreams.gh.env.TOKEN')
    expect(error?.message).toContain('MISSING')
  })

  it('does not re-expand a value that itself looks like a reference (no second round)', () => {
    expect(resolveReferences(ref('A'), { A: ref('B'), B: 'secret' }, 'k')).toBe(ref('B'))
  })
})

describe('backoffDelayMs', () => {
  it('doubles from the initial delay up to the cap, and jitter only shortens it by up to 20%', () => {
    const limits = { initialMs: 250, maxMs: 30_000 }
    expect([0, 1, 2, 3].map((a) => backoffDelayMs(a, limits, () => 0))).toEqual([250, 500, 1000, 2000])
    expect(backoffDelayMs(50, limits, () => 0)).toBe(30_000)
    expect(backoffDelayMs(0, limits, () => 0.999)).toBeGreaterThanOrEqual(200)
  })
})
