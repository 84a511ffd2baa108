import { describe, expect, it } from 'vitest'
import { CATALOG_LOOKUP_TYPES, isGrantableFunction, SAFE_FUNCTIONS } from './safe-functions.js'

describe('safe functions', () => {
  it('lists plain lower-case names, none of them from a never-grantable family', () => {
    expect(SAFE_FUNCTIONS.size).toBeGreaterThan(150)
    for (const name of SAFE_FUNCTIONS) {
      expect(name, name).toMatch(/^[a-z_][a-z0-9_]*$/)
      expect(isGrantableFunction(name), name).toBe(true)
    }
  })

  it.each([
    'pg_read_file',
    'pg_sleep',
    'lo_import',
    'dblink_exec',
    'set_config',
    'current_setting',
    'nextval',
    'pg_catalog.pg_ls_dir',
  ])('never lets a grant add %s', (name) => {
    expect(isGrantableFunction(name)).toBe(false)
  })

  it('treats every reg* lookup type as a catalog probe', () => {
    for (const type of ['regclass', 'regproc', 'regprocedure', 'regtype', 'regrole', 'regnamespace']) {
      expect(CATALOG_LOOKUP_TYPES.has(type), type).toBe(true)
    }
  })
})
