import { runDemo } from '../../demo/run-demo.js'
import { WardenError } from '../../errors/warden-error.js'
import { parseOptions } from '../args.js'
import { type CliIO, EXIT, write } from '../io.js'

/**
 * `warden demo [--json]`: a scripted agent meets the seed's four threats (prompt injection, privilege
 * escalation, data exfiltration, unintended actions) against a live gateway, and the output shows what Warden
 * did about each. It runs in a temporary folder and touches nothing else.
 */
export async function demoCommand(argv: readonly string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(argv, { json: { type: 'boolean' } })
  if (positionals.length > 0) throw new WardenError('USAGE', 'usage: warden demo [--json]')
  const report = await runDemo()
  if (values.json === true) {
    await write(io.stdout, `${JSON.stringify(report)}\n`)
    return EXIT.ok
  }
  const lines = [
    'Warden demo: a scripted agent against a live gateway (MCP over HTTP, real upstream server)',
    `The agent sees ${report.listedTools.length} tools: ${report.listedTools.join(', ')}`,
    '',
  ]
  let threat = ''
  for (const o of report.outcomes) {
    if (o.step.threat !== threat) {
      threat = o.step.threat
      lines.push(`## ${threat}`)
    }
    const verdict = o.decision === 'allow' ? 'allowed' : `${o.decision.toUpperCase()} ${o.code}`
    lines.push(
      `  agent: ${o.step.says}`,
      `    ${o.step.tool} → ${verdict}${o.detail === '' ? '' : `: ${o.detail}`}`,
    )
  }
  lines.push(
    '',
    'Anomaly detection is off in this demo so every threat is shown; on by default it pauses an agent after',
    'its fourth refusal in ten minutes (see `warden check --config examples/warden.yaml < examples/actions.jsonl`).',
    `Audit log: ${report.auditRecords} records, ${report.auditOk ? 'verified (hash chain and Merkle tree intact)' : 'VERIFY FAILED'}`,
    `Workspace: ${report.workdir}`,
  )
  await write(io.stdout, `${lines.join('\n')}\n`)
  return report.auditOk ? EXIT.ok : EXIT.failure
}
