import { WardenError } from '../errors/warden-error.js'
import type { Incident } from './incident.js'

/**
 * An alert that POSTs the incident as JSON to the security team's webhook, bounded by `timeoutMs`.
 * Rejects on a non-2xx answer or a timeout; the kill switch logs that as an `alert-failed` incident and
 * never lets it hold up the stop. The URL is checked once, here.
 *
 * @example
 * AgentKillSwitch.open({ ..., alert: webhookAlert('https://hooks.example.com/warden', { timeoutMs: 5000 }) })
 */
export function webhookAlert(
  url: string,
  options: { timeoutMs: number },
): (incident: Incident) => Promise<void> {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new WardenError('KILL_SWITCH_INVALID', `alert webhook URL is not a URL: ${url}`)
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new WardenError('KILL_SWITCH_INVALID', `alert webhook URL must be http(s): ${url}`)
  }
  return async function alertWebhook(incident: Incident): Promise<void> {
    const response = await fetch(parsed, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'warden', incident }),
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: 'error',
    })
    await response.body?.cancel()
    if (!response.ok) throw new Error(`alert webhook answered ${response.status}`)
  }
}
