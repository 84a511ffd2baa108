import { afterEach, beforeEach } from 'vitest'
import { createHttpApp, type HttpApp, type HttpAppOptions } from '../../src/gateway/http/create-http-app.js'
import { FakeGateway } from './fake-gateway.js'
import { ADMIN_TOKENS } from './tokens.js'

/** A FakeGateway behind Warden's HTTP app (admin tokens of tokens.ts unless `options` say otherwise). */
export interface FakeHttp {
  readonly gateway: FakeGateway
  readonly http: HttpApp
  close(): Promise<void>
}

export async function openFakeHttp(options: Partial<HttpAppOptions> = {}): Promise<FakeHttp> {
  const gateway = await FakeGateway.open()
  const http = createHttpApp(gateway, { adminTokens: ADMIN_TOKENS, ...options })
  return {
    gateway,
    http,
    async close() {
      await http.close()
      await gateway.close()
    },
  }
}

/**
 * A fresh FakeHttp for every test of the file (opened before each, closed after each); read `gateway` and
 * `http` inside the tests.
 */
export function fakeHttpPerTest(options: Partial<HttpAppOptions> = {}): Omit<FakeHttp, 'close'> {
  let current: FakeHttp | undefined
  beforeEach(async () => {
    current = await openFakeHttp(options)
  })
  afterEach(async () => {
    await current?.close()
    current = undefined
  })
  const opened = (): FakeHttp => {
    if (current === undefined) throw new Error('fakeHttpPerTest: read only inside a test')
    return current
  }
  return {
    get gateway() {
      return opened().gateway
    },
    get http() {
      return opened().http
    },
  }
}
