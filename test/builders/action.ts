import type { Action } from '../../src/core/action.js'

/** A valid action with sensible defaults; override what the test is about. */
export function anAction(overrides: Partial<Action> = {}): Action {
  return { agent: 'reporter', tool: 'files.read', args: { path: '/data/public/a.txt' }, ...overrides }
}
