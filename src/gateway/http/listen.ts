import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import type { Hono } from 'hono'
import { WardenError } from '../../errors/warden-error.js'

/** A listening HTTP server: its base URL and the call that stops it. */
export interface Listening {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

/**
 * Serves `app` on host:port (port 0 picks a free one). Rejects with GATEWAY_LISTEN_FAILED when the port is
 * taken or the host cannot be bound, instead of crashing the process from an 'error' event.
 */
export function listen(app: Hono, options: { host: string; port: number }): Promise<Listening> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port })
    server.once('error', (error) => {
      reject(
        new WardenError(
          'GATEWAY_LISTEN_FAILED',
          `cannot listen on ${options.host}:${options.port}: ${error.message}`,
        ),
      )
    })
    server.once('listening', () => {
      const port = (server.address() as AddressInfo).port
      const host = options.host.includes(':') ? `[${options.host}]` : options.host
      resolve({
        url: `http://${host}:${port}`,
        port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done())
            // Open SSE streams would hold close() forever: end them once the sessions are closed.
            const s = server as { closeAllConnections?: () => void }
            s.closeAllConnections?.()
          }),
      })
    })
  })
}
