import { execFile } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ensureDemoSandbox } from '../../src/tools/demo-sandbox.js'
import { BIN, BUILT, startUp, stop, type Up } from './spawn-up.js'

const redis = process.env['WARDEN_TEST_REDIS']
if (!redis) console.warn('warden up + CLI kill switch test skipped: set WARDEN_TEST_REDIS')
const run = promisify(execFile)

// The CLI and a running `warden up` share a Redis bus: `warden agents pause` stops the gateway's next call
// at once. The agent id is unique, so other suites on the same Redis are never touched (and no emergency
// stop is sent: it would reach every gateway on that bus).
describe.skipIf(!BUILT || !redis)(
  'warden agents pause|resume against a running warden up (Redis bus)',
  () => {
    const agent = `cli-e2e-${randomUUID().slice(0, 8)}`
    let cwd: string
    let up: Up
    let client: Client

    beforeAll(async () => {
      cwd = mkdtempSync(join(tmpdir(), 'warden-up-cli-'))
      ensureDemoSandbox(cwd)
      writeFileSync(
        join(cwd, 'warden.yaml'),
        `agents:\n  ${agent}:\n    permissions:\n      files: { read: ['/data/public/**'] }\n` +
          `governed:\n  files: { mounts: { /data: ./sandbox/data } }\nbus: '${redis}'\n`,
      )
      up = await startUp(cwd)
      client = new Client({ name: 'cli-e2e', version: '1.0.0' })
      await client.connect(
        new StreamableHTTPClientTransport(new URL(`${up.url}/mcp`), {
          requestInit: { headers: { authorization: `Bearer ${up.keys[agent]}` } },
        }),
      )
    }, 60_000)
    afterAll(async () => {
      await client?.close()
      if (up !== undefined) await stop(up)
    })

    const read = async () =>
      (await client.callTool({
        name: 'files_read',
        arguments: { path: '/data/public/welcome.txt' },
      })) as CallToolResult
    const cli = (verb: string) =>
      run(process.execPath, [BIN, 'agents', verb, agent, '--reason', `cli ${verb}`], { cwd })

    it('pauses and resumes the agent from the CLI while it holds a session', async () => {
      expect((await read()).isError).toBeFalsy()
      await cli('pause')
      await expect
        .poll(async () => (await read()).structuredContent?.['code'], { timeout: 3_000 })
        .toBe('AGENT_PAUSED')
      await cli('resume')
      await expect.poll(async () => (await read()).isError ?? false, { timeout: 3_000 }).toBe(false)
    }, 30_000)
  },
)
