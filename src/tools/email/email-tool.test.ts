import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { anOptions, aSandbox, codeOf, textOf } from '../tools-fixture.case.js'

let box: Awaited<ReturnType<typeof aSandbox>>
beforeEach(async () => {
  box = await aSandbox()
})
afterEach(async () => box.cleanup())

const outbox = () => join(box.cwd, 'sandbox', 'outbox')

describe('email.send', () => {
  it('writes the message to the outbox as .eml and .json', async () => {
    const options = anOptions()
    const result = await box.tools.call(
      'email.send',
      { to: 'ada@example.com', subject: 'Q3 — résumé', body: 'Hello\nAda' },
      options,
    )
    expect(result.isError).toBeUndefined()
    const files = readdirSync(outbox()).sort()
    expect(files).toHaveLength(2)
    const eml = readFileSync(join(outbox(), files.find((f) => f.endsWith('.eml')) as string), 'utf8')
    expect(eml).toContain('To: ada@example.com\r\n')
    expect(eml).toContain(`Subject: =?UTF-8?B?${Buffer.from('Q3 — résumé').toString('base64')}?=`)
    const body = eml.split('\r\n\r\n')[1] as string
    expect(Buffer.from(body.replace(/\r\n/g, ''), 'base64').toString()).toBe('Hello\nAda')
    const json = JSON.parse(
      readFileSync(join(outbox(), files.find((f) => f.endsWith('.json')) as string), 'utf8'),
    )
    expect(json).toMatchObject({
      to: ['ada@example.com'],
      subject: 'Q3 — résumé',
      body: 'Hello\nAda',
      actionId: options.actionId,
      agentId: 'a',
    })
  })

  it('refuses header injection in the subject and display-name or multi-address recipients', async () => {
    const bad = [
      { to: 'ada@example.com', subject: 'hi\r\nBcc: all@example.com', body: 'x' },
      { to: 'Ada <ada@example.com>', subject: 'hi', body: 'x' },
      { to: 'ada@example.com, eve@example.com', subject: 'hi', body: 'x' },
      { to: 'ada@example.com\nBcc: eve@example.com', subject: 'hi', body: 'x' },
      { to: [], subject: 'hi', body: 'x' },
      { to: 'ada@example.com', subject: 'hi', body: 'x'.repeat(262_145) },
    ]
    for (const args of bad)
      expect(
        codeOf(await box.tools.call('email.send', args, anOptions())),
        JSON.stringify(args).slice(0, 60),
      ).toBe('TOOL_EMAIL_INVALID')
    expect(existsSync(outbox())).toBe(false)
  })

  it('refuses an outbox given as a URL at open', async () => {
    await expect(
      aSandbox(undefined, { governed: { email: { outbox: 'smtp://mail.example.com' } } }),
    ).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
    })
  })

  it('dry-run shows the message and writes nothing', async () => {
    const result = await box.tools.call(
      'email.send',
      { to: ['a@example.com', 'b@example.com'], subject: 's', body: 'b' },
      anOptions({ dryRun: true }),
    )
    expect(textOf(result)).toContain('To: a@example.com, b@example.com')
    expect(existsSync(outbox())).toBe(false)
  })
})
