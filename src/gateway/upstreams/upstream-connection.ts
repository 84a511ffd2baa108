import { setMaxListeners } from 'node:events'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { CallToolResultSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js'
import { canonicalJson } from '../../audit/canonical-json.js'
import { WardenError } from '../../errors/warden-error.js'
import type { CallOptions, ToolDefinition, ToolResult, ToolSource } from '../tool-source.js'
import { backoffDelayMs } from './backoff.js'
import { classifyCallError, failureResult } from './call-failure.js'
import type { UpstreamTimings } from './defaults.js'
import { type DirectCallTarget, directToolCall } from './direct-call.js'
import type { OrderedTransport } from './ordered-transport.js'
import { UpstreamStdioTransport } from './stdio-transport.js'
import { listUpstreamTools } from './tool-list.js'
import { createTransport, type UpstreamEndpoint, upstreamDispatcher } from './upstream-transport.js'

/** Where an upstream stands: `down` means it is being restarted with backoff. */
export interface UpstreamStatus {
  readonly state: 'connecting' | 'up' | 'down' | 'closed'
  /** Connections made after the first (restarts). */
  readonly restarts: number
  readonly lastError?: string
}

/** One upstream MCP server as a tool source: tools named `<server>/<tool>`, failures as tool errors. */
export interface UpstreamSource extends ToolSource {
  /** Called after the tool list changed (notifications/tools/list_changed, or a restart that lists other tools). */
  onToolsChanged(listener: () => void): () => void
  status(): UpstreamStatus
}

interface Live {
  readonly client: Client
  readonly transport: OrderedTransport
  readonly generation: number
  readonly upSince: number
  /** HTTP upstreams on servers without tasks: where plain calls go on this connection's session (direct-call.ts). */
  readonly direct: DirectCallTarget | undefined
}

/** Options of an UpstreamConnection beyond its timings. */
export interface UpstreamConnectionOptions {
  /** Plain calls to an HTTP upstream without the SDK client's per-request machinery (direct-call.ts); default true. */
  readonly directCalls?: boolean
}

/**
 * The connection behind an UpstreamSource. A crash (the connection closes) or a hang (a call times out and
 * a ping gets no answer either) takes the server down; it is restarted in the background after
 * `backoffDelayMs`, and meanwhile its calls fail at once with `UPSTREAM_UNAVAILABLE`: a broken upstream
 * costs its own calls, never the gateway's other work.
 */
export class UpstreamConnection implements UpstreamSource {
  readonly name: string
  readonly #endpoint: UpstreamEndpoint
  readonly #timings: UpstreamTimings
  readonly #log: (line: string) => void
  readonly #directCalls: boolean
  readonly #listeners = new Set<() => void>()
  #tools: readonly ToolDefinition[] = []
  #live: Live | undefined
  #state: UpstreamStatus['state'] = 'connecting'
  #generation = 0
  #connections = 0
  #attempt = 0
  #lastError: string | undefined
  #timer: NodeJS.Timeout | undefined
  #relisting: Promise<void> | undefined
  #relistAgain = false

  constructor(
    name: string,
    endpoint: UpstreamEndpoint,
    timings: UpstreamTimings,
    log: (line: string) => void,
    options: UpstreamConnectionOptions = {},
  ) {
    this.name = name
    this.#endpoint = endpoint
    this.#timings = timings
    this.#log = log
    this.#directCalls = options.directCalls ?? true
  }

  tools(): readonly ToolDefinition[] {
    return this.#tools
  }

  status(): UpstreamStatus {
    const restarts = Math.max(0, this.#connections - 1)
    return this.#lastError === undefined
      ? { state: this.#state, restarts }
      : { state: this.#state, restarts, lastError: this.#lastError }
  }

  onToolsChanged(listener: () => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** One connection attempt: spawn or reach the server, initialize, list its tools. Throws UPSTREAM_UNAVAILABLE. */
  async connect(): Promise<void> {
    const generation = ++this.#generation
    this.#state = 'connecting'
    const transport = createTransport(this.#endpoint, this.#timings)
    const client = new Client({ name: 'warden', version: '0.1.0' }, { capabilities: {} })
    client.setNotificationHandler(ToolListChangedNotificationSchema, () => {
      if (this.#live?.generation === generation) void this.#relist()
    })
    let closedEarly = false
    // Aborted when this connection closes (lost, restarted, gateway closing): its direct calls then fail at
    // once with ConnectionClosed, as the SDK client fails the calls it has in flight.
    const connection = new AbortController()
    // Each direct call in flight listens on it until it ends: more than EventTarget's default 10 at a time
    // is normal load, not a leak (Node would warn "Possible EventTarget memory leak" under 11 concurrent calls).
    setMaxListeners(0, connection.signal)
    client.onclose = () => {
      connection.abort()
      if (this.#live?.generation === generation) this.#lost(generation, 'the connection closed', false)
      else closedEarly = true
    }
    let tools: ToolDefinition[]
    try {
      await client.connect(transport, { timeout: this.#timings.connectTimeoutMs })
      tools = await listUpstreamTools(client, this.name, this.#listLimits(), this.#log)
      // A server that exits right after answering must not be recorded as up.
      if (closedEarly) throw new Error('the connection closed while starting')
    } catch (error) {
      const reason = `${(error as Error).message}${diagnosticsOf(transport)}`
      this.#lastError = reason
      if (!this.#closed()) this.#state = 'down'
      kill(transport)
      void client.close().catch(() => undefined)
      throw new WardenError('UPSTREAM_UNAVAILABLE', `upstream ${this.name}: ${reason}`, {
        upstream: this.name,
      })
    }
    if (this.#closed() || generation !== this.#generation) {
      await client.close().catch(() => undefined)
      return
    }
    this.#connections++
    this.#live = {
      client,
      transport,
      generation,
      upSince: Date.now(),
      direct: this.#directTarget(client, transport, connection.signal),
    }
    this.#state = 'up'
    this.#setTools(tools)
  }

  async call(
    tool: string,
    args: Readonly<Record<string, unknown>>,
    options: CallOptions,
  ): Promise<ToolResult> {
    const prefix = `${this.name}/`
    const definition = tool.startsWith(prefix) ? this.#tools.find((t) => t.name === tool) : undefined
    if (definition === undefined) {
      return failureResult(
        'UPSTREAM_TOOL_UNKNOWN',
        `upstream ${this.name} does not list a tool named "${tool}"`,
      )
    }
    const live = this.#live
    if (live === undefined || this.#state !== 'up') {
      return failureResult(
        'UPSTREAM_UNAVAILABLE',
        this.#closed()
          ? `upstream ${this.name} is closed`
          : `upstream ${this.name} is down (${this.#lastError ?? 'starting'}); it is being restarted`,
      )
    }
    if (options.signal.aborted) return failureResult('UPSTREAM_CANCELLED', 'cancelled by the caller')
    const onProgress = options.onProgress
    const name = tool.slice(prefix.length)
    // Direct when the SDK client adds nothing: no progress to relay, no output schema to check the result against.
    const direct = onProgress === undefined && definition.outputSchema === undefined ? live.direct : undefined
    try {
      if (direct !== undefined) {
        return (await directToolCall(
          direct,
          { name, arguments: { ...args } },
          { signal: options.signal, timeoutMs: this.#timings.callTimeoutMs },
        )) as ToolResult
      }
      const result = await live.client.callTool({ name, arguments: { ...args } }, CallToolResultSchema, {
        signal: options.signal,
        timeout: this.#timings.callTimeoutMs,
        resetTimeoutOnProgress: true,
        maxTotalTimeout: this.#timings.maxCallMs,
        ...(onProgress === undefined
          ? {}
          : {
              onprogress: ({ progress, total, message }) =>
                onProgress({
                  progress,
                  ...(total === undefined ? {} : { total }),
                  ...(message === undefined ? {} : { message }),
                }),
            }),
      })
      return result as ToolResult
    } catch (error) {
      const failure = classifyCallError(error, options.signal.aborted)
      if (failure.lost) this.#lost(live.generation, failure.message, false)
      if (failure.timeout) void this.#checkAlive(live)
      return failureResult(failure.code, `upstream ${this.name}: ${failure.message}`)
    }
  }

  async close(): Promise<void> {
    this.#state = 'closed'
    clearTimeout(this.#timer)
    this.#timer = undefined
    const live = this.#live
    this.#live = undefined
    if (live !== undefined) await live.client.close().catch(() => undefined)
  }

  #directTarget(
    client: Client,
    transport: OrderedTransport,
    closed: AbortSignal,
  ): DirectCallTarget | undefined {
    const endpoint = this.#endpoint
    if (!this.#directCalls || endpoint.kind !== 'http' || client.getServerCapabilities()?.tasks !== undefined)
      return undefined
    const session = transport.sessionId
    const version = transport.protocolVersion
    return {
      dispatcher: upstreamDispatcher,
      url: endpoint.url,
      // As the SDK transport builds them: session and version first, the configured headers over them.
      headers: {
        ...(session === undefined ? {} : { 'mcp-session-id': session }),
        ...(version === undefined ? {} : { 'mcp-protocol-version': version }),
        ...endpoint.headers,
      },
      closed,
      deliver: (message) => transport.deliver(message),
      cancel: (requestId, reason) => {
        void client
          .notification({ method: 'notifications/cancelled', params: { requestId, reason } })
          .catch(() => undefined)
      },
    }
  }

  /** After a timeout: a server that no longer answers a ping is hung (not just slow) and is killed. */
  async #checkAlive(live: Live): Promise<void> {
    try {
      await live.client.ping({ timeout: this.#timings.pingTimeoutMs })
    } catch {
      this.#lost(live.generation, `no answer to a ping within ${this.#timings.pingTimeoutMs} ms (hung)`, true)
    }
  }

  #lost(generation: number, reason: string, hung: boolean): void {
    const live = this.#live
    if (live === undefined || live.generation !== generation || this.#state === 'closed') return
    this.#live = undefined
    this.#state = 'down'
    this.#lastError = `${reason}${diagnosticsOf(live.transport)}`
    if (Date.now() - live.upSince >= this.#timings.restartStableMs) this.#attempt = 0
    if (hung) kill(live.transport)
    void live.client.close().catch(() => undefined)
    this.#scheduleRestart()
  }

  /** Retries in the background with exponential backoff until connected or closed. */
  #scheduleRestart(): void {
    if (this.#state === 'closed' || this.#timer !== undefined) return
    this.#state = 'down'
    const delay = backoffDelayMs(this.#attempt++, {
      initialMs: this.#timings.restartInitialMs,
      maxMs: this.#timings.restartMaxMs,
    })
    this.#log(`upstream ${this.name} is down (${this.#lastError}); restarting in ${delay} ms`)
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      if (this.#state === 'closed') return
      this.connect().then(
        () => this.#log(`upstream ${this.name} is up again`),
        () => this.#scheduleRestart(),
      )
    }, delay)
    this.#timer.unref()
  }

  /** Starts the restart loop for an upstream whose first connection failed. */
  retryInBackground(): void {
    this.#scheduleRestart()
  }

  /** Re-lists after notifications/tools/list_changed; notifications that arrive meanwhile cause one more pass. */
  async #relist(): Promise<void> {
    if (this.#relisting !== undefined) {
      this.#relistAgain = true
      return
    }
    this.#relisting = (async () => {
      do {
        this.#relistAgain = false
        const live = this.#live
        if (live === undefined) return
        try {
          const tools = await listUpstreamTools(live.client, this.name, this.#listLimits(), this.#log)
          if (this.#live === live) this.#setTools(tools)
        } catch (error) {
          this.#log(`upstream ${this.name}: re-listing tools failed: ${(error as Error).message}`)
        }
      } while (this.#relistAgain)
    })()
    try {
      await this.#relisting
    } finally {
      this.#relisting = undefined
    }
  }

  #setTools(tools: readonly ToolDefinition[]): void {
    if (canonicalJson(tools) === canonicalJson(this.#tools)) return
    this.#tools = tools
    for (const listener of [...this.#listeners]) {
      try {
        listener()
      } catch (error) {
        this.#log(`upstream ${this.name}: a tools-changed listener failed: ${(error as Error).message}`)
      }
    }
  }

  // A method, not a comparison inline: TypeScript narrows #state and forgets that awaits can change it.
  #closed(): boolean {
    return this.#state === 'closed'
  }

  #listLimits() {
    return {
      timeoutMs: this.#timings.connectTimeoutMs,
      maxPages: this.#timings.maxListPages,
      maxTools: this.#timings.maxTools,
    }
  }
}

function diagnosticsOf(transport: OrderedTransport): string {
  const text = transport.inner instanceof UpstreamStdioTransport ? transport.inner.diagnostics() : ''
  return text === '' ? '' : ` (${text})`
}

function kill(transport: OrderedTransport): void {
  if (transport.inner instanceof UpstreamStdioTransport) transport.inner.kill()
  else void transport.close().catch(() => undefined)
}
