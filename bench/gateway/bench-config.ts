import { readFileSync } from 'node:fs'
import { parse } from 'yaml'
import { EXAMPLE_CONFIG_URL } from '../../src/config/example-config.js'

/**
 * The shipped example configuration (examples/warden.yaml: the seed's agents, the five escalation rules,
 * the governed tools, anomaly detection and flow control on by default, the SQLite store) with one more
 * agent, `bench`, allowed the bench upstream's `weather/get_forecast`, and that upstream. The full pipeline
 * runs on every call; output guardrails are always on in the gateway.
 */
export function benchConfig(upstreamUrl: string, agentKeyHash: string): string {
  const config = parse(readFileSync(EXAMPLE_CONFIG_URL, 'utf8')) as Record<string, unknown>
  const agents = config['agents'] as Record<string, unknown>
  agents['bench'] = {
    description: 'The gateway bench client',
    keys: [agentKeyHash],
    permissions: { tools: { allow: ['weather/get_forecast'] } },
  }
  config['upstreams'] = { weather: { url: upstreamUrl } }
  return JSON.stringify(config)
}
