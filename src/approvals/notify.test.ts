import { describe, expect, it } from 'vitest'
import { ApprovalService } from './approval-service.js'
import { MemoryApprovalStore } from './approval-store.js'
import { approvalsConfig } from './config-schema.js'
import { webhookMessage, webhookNotifier } from './notify.js'
import { aRequest } from './test-request.js'
import { evaluated, transfer } from './test-service.js'

describe('webhook notifications', () => {
  it('posts Slack-compatible JSON (text plus blocks) naming the request and the group', async () => {
    const calls: { url: string; body: { text: string; blocks: unknown[] } }[] = []
    const fake = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(init.body as string) })
      return new Response('ok')
    }) as typeof fetch
    const request = aRequest()
    await webhookNotifier('https://hooks.example/x', 1_000, fake)(request)
    expect(calls[0]?.url).toBe('https://hooks.example/x')
    expect(calls[0]?.body.text).toContain(request.id)
    expect(calls[0]?.body.text).toContain('group finance')
    expect(Array.isArray(calls[0]?.body.blocks)).toBe(true)
    expect(webhookMessage(request)).toEqual(calls[0]?.body)
  })

  it('rejects on an HTTP error so the failure is logged', async () => {
    const fake = (async () => new Response('no', { status: 500 })) as unknown as typeof fetch
    await expect(webhookNotifier('https://hooks.example/x', 1_000, fake)(aRequest())).rejects.toThrow(/500/)
  })

  it('never blocks or fails the call: a hanging or failing webhook still yields APPROVAL_PENDING', async () => {
    const errors: unknown[] = []
    let release: () => void = () => {}
    const service = new ApprovalService({
      store: new MemoryApprovalStore(),
      config: approvalsConfig(),
      notify: () =>
        new Promise<void>((_, reject) => {
          release = () => reject(new Error('webhook down'))
        }),
      onNotifyError: (e) => errors.push(e),
    })
    const result = await service.gate(transfer, evaluated('approve'))
    expect(result).toMatchObject({ proceed: false, code: 'APPROVAL_PENDING' })
    release()
    await service.idle()
    expect(errors).toHaveLength(1)
  })
})
