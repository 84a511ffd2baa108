import { Hono } from 'hono'
import type { GatewayApi } from '../gateway-api.js'

/**
 * Whether this instance can admit calls at all: false while its kill-switch bus has been silent past the
 * lease (every call is then denied). An agent id no one can configure asks the question without an agent.
 */
export function killSwitchAvailable(gateway: GatewayApi): boolean {
  const admission = gateway.killSwitch.admit('\u0000probe')
  return admission.ok || admission.code !== 'KILL_SWITCH_UNAVAILABLE'
}

/**
 * `GET /healthz`: 200 `{"status":"ok",…}` when the gateway can serve, 503 `{"status":"unavailable",…}`
 * when its kill switch cannot tell who is stopped (load balancers then route elsewhere). An emergency stop
 * is reported but is not ill health: the gateway is working as told.
 */
export function healthRoute(gateway: GatewayApi): Hono {
  const app = new Hono()
  app.get('/healthz', (c) => {
    const available = killSwitchAvailable(gateway)
    return c.json(
      {
        status: available ? 'ok' : 'unavailable',
        killSwitch: available ? 'ok' : 'unavailable',
        emergencyStop: gateway.killSwitch.emergency().active,
      },
      available ? 200 : 503,
    )
  })
  return app
}
