import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anAction } from '../../test/builders/action.js'
import { namedToolActions } from './named-tools.js'

const known = (name: string) =>
  ({ 'files.delete': 'files.delete', files_delete: 'files.delete', 'db.query': 'db.query' })[name]

describe('namedToolActions', () => {
  it('finds a tool named at any depth, with the arguments beside it', () => {
    const found = namedToolActions(
      anAction({
        tool: 'x/batch',
        args: {
          steps: [
            { name: 'files_delete', args: { path: '/a' } },
            { tool: 'db.query', input: { sql: 'DROP TABLE t' } },
          ],
        },
      }),
      known,
    )
    expect(found.map((a) => [a.tool, a.args])).toEqual(
      expect.arrayContaining([
        ['files.delete', { path: '/a' }],
        ['db.query', { sql: 'DROP TABLE t' }],
      ]),
    )
  })

  it('ignores names that are not tools, and the tool itself', () => {
    expect(
      namedToolActions(
        anAction({ tool: 'db.query', args: { name: 'db.query', title: 'files.delete' } }),
        known,
      ),
    ).toEqual([])
  })

  it('does bounded work on any arguments', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const found = namedToolActions(anAction({ args: { value } }), known, 500)
        expect(Array.isArray(found)).toBe(true)
      }),
    )
  })
})
