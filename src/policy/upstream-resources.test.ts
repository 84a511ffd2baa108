import { describe, expect, it } from 'vitest'
import { parseConfig } from '../config/load.js'
import { mappedCalls, upstreamResources } from './upstream-resources.js'

const config = parseConfig(`
upstreams:
  fs:
    command: fs-server
    resources:
      copy: { files.read: from, files.write: to }
  pg:
    command: pg-server
    resources: { query: { db.query: statement } }
  web:
    url: https://web.example/mcp
    resources: { fetch: { http.request: target } }
`).config

describe('upstreamResources', () => {
  it('keys every mapped tool as <server>/<tool>, with its mappings in the order written', () => {
    const resources = upstreamResources(config)
    expect([...resources.keys()]).toEqual(['fs/copy', 'pg/query', 'web/fetch'])
    expect(resources.get('fs/copy')).toEqual([
      { operation: 'files.read', argument: 'from' },
      { operation: 'files.write', argument: 'to' },
    ])
  })

  it('has nothing for a tool without mappings, nor for a name that only looks like one', () => {
    const resources = upstreamResources(config)
    expect(resources.get('fs/list')).toBeUndefined()
    expect(resources.get('constructor/x')).toBeUndefined()
    expect(resources.get('copy')).toBeUndefined()
  })
})

describe('mappedCalls', () => {
  it('hands each mapped argument to its operation under the name that operation reads', () => {
    const resources = upstreamResources(config)
    expect(mappedCalls(resources.get('fs/copy') ?? [], { from: '/a', to: '/b', path: '/ignored' })).toEqual([
      { operation: 'files.read', argument: 'from', args: { path: '/a' } },
      { operation: 'files.write', argument: 'to', args: { path: '/b' } },
    ])
    expect(mappedCalls(resources.get('pg/query') ?? [], { statement: 'SELECT 1', sql: 'DROP x' })).toEqual([
      { operation: 'db.query', argument: 'statement', args: { sql: 'SELECT 1' } },
    ])
  })

  it("gives an http.request the tool's own method, and GET when it has none", () => {
    const fetch = upstreamResources(config).get('web/fetch') ?? []
    expect(mappedCalls(fetch, { target: 'https://a.example/', method: 'POST' })[0]?.args).toEqual({
      url: 'https://a.example/',
      method: 'POST',
    })
    expect(mappedCalls(fetch, { target: 'https://a.example/' })[0]?.args).toEqual({
      url: 'https://a.example/',
      method: 'GET',
    })
  })

  it('passes a missing argument on as undefined, for the boundary to refuse', () => {
    const fetch = upstreamResources(config).get('pg/query') ?? []
    expect(mappedCalls(fetch, {})).toEqual([
      { operation: 'db.query', argument: 'statement', args: { sql: undefined } },
    ])
  })
})
