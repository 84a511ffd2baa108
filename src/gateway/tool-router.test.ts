import { describe, expect, it } from 'vitest'
import { ToolRouter } from './tool-router.js'
import type { ToolDefinition, ToolSource } from './tool-source.js'

/** A source whose list the test changes. */
function source(
  name: string,
  tools: string[],
): ToolSource & { tools: () => ToolDefinition[]; list: string[] } {
  const s = {
    name,
    list: tools,
    tools: () => s.list.map((t) => ({ name: t, description: '', inputSchema: { type: 'object' as const } })),
    call: async () => ({ content: [] }),
    close: async () => undefined,
  }
  return s
}

describe('ToolRouter', () => {
  it('maps wire names back to the tools offered, and canonical names to themselves', () => {
    const router = new ToolRouter([source('gh', ['gh/search_issues', 'gh/get.file'])])
    expect(router.fromWire('gh__search_issues')).toBe('gh/search_issues')
    expect(router.fromWire('gh__get_file')).toBe('gh/get.file')
    expect(router.fromWire('gh/search_issues')).toBeUndefined()
    expect(router.canonical('gh/search_issues')).toBe('gh/search_issues')
    expect(router.fromWire('gh__nothing')).toBeUndefined()
  })

  it('refuses at start two tools that would share a wire name', () => {
    expect(() => new ToolRouter([source('gh', ['gh/a.b', 'gh/a_b'])])).toThrow(/TOOL_NAME_COLLISION|both/)
  })

  it('keeps the previous index when a changed list would make two wire names meet', () => {
    const gh = source('gh', ['gh/a_b'])
    const router = new ToolRouter([gh])
    let told = 0
    router.onChanged(() => told++)
    gh.list = ['gh/a_b', 'gh/a.b']
    router.changed()
    expect(told).toBe(0)
    expect(router.fromWire('gh__a_b')).toBe('gh/a_b')
    expect(router.route('gh/a.b')).toBeUndefined()
    gh.list = ['gh/a_b', 'gh/c']
    router.changed()
    expect(told).toBe(1)
    expect(router.fromWire('gh__c')).toBe('gh/c')
  })
})
