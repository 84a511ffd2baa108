import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { verifyLog } from '../audit/verify.js'
import { parseConfig } from '../config/load.js'
import { newSecret } from '../gateway/auth/new-secret.js'
import { Gateway } from '../gateway/gateway.js'
import { createHttpApp } from '../gateway/http/create-http-app.js'
import { listen } from '../gateway/http/listen.js'
import { ToolNameMap } from '../gateway/tool-names.js'
import { ensureDemoSandbox } from '../tools/demo-sandbox.js'
import { demoConfig } from './demo-config.js'
import { DEMO_SCRIPT, type DemoStep } from './demo-script.js'
import { startDemoWebServer } from './demo-web-server.js'

/** What Warden did about one step of the scripted agent. */
export interface DemoOutcome {
  readonly step: DemoStep
  readonly decision: string
  readonly code: string
  readonly detail: string
}

export interface DemoReport {
  readonly outcomes: readonly DemoOutcome[]
  readonly auditRecords: number
  readonly auditOk: boolean
  readonly listedTools: readonly string[]
  readonly workdir: string
}

/**
 * Runs the demo: a live gateway on loopback (HTTP, real MCP), a real upstream MCP server with a poisoned page,
 * and a scripted agent that connects with its key as any MCP client would and meets the seed's four threats.
 */
export async function runDemo(workdir = mkdtempSync(join(tmpdir(), 'warden-demo-'))): Promise<DemoReport> {
  ensureDemoSandbox(workdir)
  const web = await startDemoWebServer()
  const agentKey = newSecret('wdn_agent_')
  const gateway = await Gateway.open({
    loaded: parseConfig(demoConfig(web.url, agentKey.hash), 'demo.yaml'),
    cwd: workdir,
    env: {},
  })
  const http = createHttpApp(gateway, { adminTokens: [] })
  const server = await listen(http.app, { host: '127.0.0.1', port: 0 })
  const client = new Client({ name: 'warden-demo-agent', version: '1.0.0' })
  try {
    await client.connect(
      new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
        requestInit: { headers: { Authorization: `Bearer ${agentKey.secret}` } },
      }),
    )
    const listedTools = (await client.listTools()).tools.map((t) => t.name)
    const names = ToolNameMap.build([...new Set(DEMO_SCRIPT.map((s) => s.tool))])
    const outcomes: DemoOutcome[] = []
    for (const step of DEMO_SCRIPT) {
      const result = await client.callTool({
        name: names.toWire(step.tool) ?? step.tool,
        arguments: step.args,
      })
      outcomes.push(outcomeOf(step, result))
    }
    const report = await verifyLog(gateway.store.audit, { publicKey: null })
    return { outcomes, auditRecords: report.records, auditOk: report.ok, listedTools, workdir }
  } finally {
    await client.close().catch(() => undefined)
    await http.close()
    await server.close()
    await gateway.close()
    await web.close()
  }
}

function outcomeOf(step: DemoStep, result: Awaited<ReturnType<Client['callTool']>>): DemoOutcome {
  const text = ((result.content as { type: string; text?: string }[] | undefined)?.[0]?.text ?? '').replace(
    /\s+/g,
    ' ',
  )
  const structured = result.structuredContent as { decision?: string; code?: string } | undefined
  if (result.isError === true) {
    const code = structured?.code ?? text.split(':')[0] ?? ''
    // The refusal's text starts with its code, which the summary line already shows.
    const reason = text.startsWith(`${code}: `) ? text.slice(code.length + 2) : text
    return { step, decision: structured?.decision ?? 'error', code, detail: reason.slice(0, 160) }
  }
  const notes = [
    /quarantined/.test(text) ? 'output quarantined: it looks like a prompt injection' : '',
    /may contain a prompt injection/.test(text) ? 'output marked: possible prompt injection' : '',
    text.includes('[REDACTED:') ? 'PII redacted in the output' : '',
    /LIMIT \d+/.test(JSON.stringify(result.structuredContent ?? '')) ? 'row limit applied' : '',
  ].filter((n) => n !== '')
  return {
    step,
    decision: 'allow',
    code: '',
    detail: notes.join('; ') || 'ran; the result reached the agent marked as data',
  }
}
