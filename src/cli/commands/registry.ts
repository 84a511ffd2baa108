import type { CommandEntry } from '../io.js'
import { agentsCommand } from './agents.js'
import { approvalsCommand } from './approvals.js'
import { auditCommand } from './audit.js'
import { checkCommand } from './check.js'
import { demoCommand } from './demo.js'
import { emergencyStopCommand } from './emergency-stop.js'
import { initCommand } from './init.js'
import { reportCommand } from './report.js'
import { rollbackCommand } from './rollback.js'
import { scanCommand } from './scan.js'
import { stdioCommand } from './stdio.js'
import { toolsCommand } from './tools.js'
import { upCommand } from './up.js'

/** Every `warden` command. One line each; the command's module owns its options and help. */
export const COMMANDS: Readonly<Record<string, CommandEntry>> = Object.freeze({
  audit: {
    run: auditCommand,
    summary: 'verify, checkpoint, prove, query and export the tamper-evident audit log',
  },
  demo: {
    run: demoCommand,
    summary: "a scripted agent meets the seed's four threats against a live gateway",
  },
  rollback: {
    run: rollbackCommand,
    summary: 'restore what a governed action changed (an audited action that needs approval)',
  },
  check: { run: checkCommand, summary: 'evaluate JSON Lines of actions from stdin, one decision line each' },
  agents: { run: agentsCommand, summary: 'pause, resume, terminate or list agents (kill switch)' },
  approvals: { run: approvalsCommand, summary: 'list pending approvals; approve or deny one with a reason' },
  'emergency-stop': { run: emergencyStopCommand, summary: 'pause every agent everywhere, or --clear it' },
  scan: { run: scanCommand, summary: 'scan text from stdin for prompt injection, PII and secrets' },
  init: { run: initCommand, summary: 'write a commented warden.yaml' },
  report: { run: reportCommand, summary: 'weekly, monthly or permissions audit report from the audit log' },
  up: { run: upCommand, summary: 'run the gateway (MCP at /mcp), admin API, /metrics and /healthz' },
  stdio: {
    run: stdioCommand,
    summary: 'the gateway over stdio for one agent (--agent ID), for MCP clients that spawn it',
  },
  tools: {
    run: toolsCommand,
    summary: 'list upstream MCP tools with their pin status; accept new or changed ones',
  },
})
