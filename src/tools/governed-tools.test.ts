import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anOptions, aSandbox, codeOf, textOf } from './tools-fixture.case.js'

let box: Awaited<ReturnType<typeof aSandbox>>
beforeAll(async () => {
  box = await aSandbox()
})
afterAll(async () => box.cleanup())

describe('openGovernedTools', () => {
  it('offers every tool whose governed section is configured', () => {
    expect(box.tools.name).toBe('governed')
    expect(box.tools.tools().map((t) => t.name)).toEqual([
      'files.read',
      'files.list',
      'files.write',
      'files.delete',
      'db.query',
      'http.request',
      'email.send',
      'payments.transfer',
    ])
  })

  it('offers only http.request when no section is configured, and files.* with mounts alone', async () => {
    const bare = await aSandbox({}, { governed: {} })
    const files = await aSandbox({}, { governed: { files: { mounts: { '/data': './sandbox/data' } } } })
    try {
      expect(bare.tools.tools().map((t) => t.name)).toEqual(['http.request'])
      expect(files.tools.tools().map((t) => t.name)).toEqual([
        'files.read',
        'files.list',
        'files.write',
        'files.delete',
        'http.request',
      ])
      expect(codeOf(await bare.tools.call('db.query', { sql: 'SELECT 1' }, anOptions()))).toBe(
        'TOOL_NOT_CONFIGURED',
      )
    } finally {
      await bare.cleanup()
      await files.cleanup()
    }
  })

  it('describes every tool with a closed JSON Schema and truthful hints', () => {
    for (const tool of box.tools.tools()) {
      const schema = tool.inputSchema as {
        type: string
        properties: object
        required: string[]
        additionalProperties: boolean
      }
      expect(schema.type, tool.name).toBe('object')
      expect(schema.additionalProperties, tool.name).toBe(false)
      for (const key of schema.required) expect(Object.keys(schema.properties), tool.name).toContain(key)
      expect(tool.description.length, tool.name).toBeGreaterThan(20)
      const readOnly = tool.name === 'files.read' || tool.name === 'files.list'
      expect(tool.annotations?.readOnlyHint, tool.name).toBe(readOnly)
      expect(tool.annotations?.destructiveHint, tool.name).toBe(!readOnly && tool.name !== 'email.send')
    }
  })

  it('refuses an argument the schema does not list', async () => {
    const result = await box.tools.call(
      'files.read',
      { path: '/data/public/welcome.txt', follow: true },
      anOptions(),
    )
    expect(codeOf(result)).toBe('TOOL_BAD_ARGUMENTS')
  })

  it('refuses an agent without a policy', async () => {
    expect(
      codeOf(
        await box.tools.call(
          'files.read',
          { path: '/data/public/welcome.txt' },
          anOptions({ agentId: 'ghost' }),
        ),
      ),
    ).toBe('TOOL_NOT_GRANTED')
  })

  it('refuses a call whose signal is already aborted', async () => {
    const controller = new AbortController()
    controller.abort()
    const result = await box.tools.call(
      'files.read',
      { path: '/data/public/welcome.txt' },
      anOptions({ signal: controller.signal }),
    )
    expect(codeOf(result)).toBe('TOOL_CANCELLED')
  })

  it('says when the folder behind a mount is missing', async () => {
    const gone = await aSandbox(undefined, { governed: { files: { mounts: { '/data': './nowhere' } } } })
    try {
      expect(
        codeOf(await gone.tools.call('files.read', { path: '/data/public/welcome.txt' }, anOptions())),
      ).toBe('TOOL_MOUNT_MISSING')
    } finally {
      await gone.cleanup()
    }
  })

  it('refuses a mount whose key is not a canonical absolute path', async () => {
    await expect(
      aSandbox(undefined, { governed: { files: { mounts: { 'data/': './sandbox/data' } } } }),
    ).rejects.toMatchObject({ code: 'TOOL_MOUNT_INVALID' })
  })
})

describe('files.read never returns bytes from outside its mount (property)', () => {
  it('holds for any path built from traversal, encoding and link segments', async () => {
    const secret = 'SECRET-OUTSIDE-THE-MOUNT'
    mkdirSync(join(box.cwd, 'outside'), { recursive: true })
    writeFileSync(join(box.cwd, 'outside', 'x'), secret)
    writeFileSync(join(box.cwd, 'sandbox', 'x'), secret)
    rmSync(join(box.data, 'public', 'ln'), { force: true })
    rmSync(join(box.data, 'public', 'lf'), { force: true })
    symlinkSync(join(box.cwd, 'outside'), join(box.data, 'public', 'ln'))
    symlinkSync(join(box.cwd, 'outside', 'x'), join(box.data, 'public', 'lf'))
    const segment = fc.constantFrom(
      '..',
      '.',
      '',
      'public',
      'ln',
      'lf',
      'x',
      '%2e%2e',
      '..%2f',
      'outside',
      'sandbox',
      '\\..',
      '..;',
      'data',
    )
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 6 }), async (segments) => {
        const result = await box.tools.call(
          'files.read',
          { path: `/data/${segments.join('/')}` },
          anOptions(),
        )
        expect(textOf(result)).not.toContain(secret)
        expect(JSON.stringify(result.structuredContent ?? {})).not.toContain(secret)
      }),
      { numRuns: 300 },
    )
  })
})
