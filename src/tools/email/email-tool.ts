import { createHash, randomBytes } from 'node:crypto'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { ToolResult } from '../../gateway/tool-source.js'
import { TOOL_LIMITS } from '../tool-limits.js'
import { failure, success } from '../tool-result.js'

/** What one email.send call knows besides its arguments. */
export interface EmailCall {
  readonly dryRun: boolean
  readonly actionId: string
  readonly agentId: string
}

// One mailbox, no display name, no comments, no CR/LF: nothing that could add a header or a recipient.
const ADDRESS =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/
const MAX_SUBJECT_CHARS = 998

/**
 * Runs email.send into the outbox folder: one RFC 5322 message (`.eml`) and the same facts as JSON
 * (`.json`), both written atomically, named by time and action. Recipients must be plain addresses and the
 * subject one line, so no argument can inject a header (Bcc:) or a second message. A dry-run returns the
 * message that would be written.
 */
export async function runEmailSend(
  args: Readonly<Record<string, unknown>>,
  call: EmailCall,
  outbox: string,
): Promise<ToolResult> {
  const to = typeof args.to === 'string' ? [args.to] : args.to
  if (!Array.isArray(to) || to.length === 0 || to.length > TOOL_LIMITS.maxEmailRecipients) {
    return failure(
      'TOOL_EMAIL_INVALID',
      `to must be an address or a list of 1 to ${TOOL_LIMITS.maxEmailRecipients} addresses`,
    )
  }
  const bad = to.find((a) => typeof a !== 'string' || a.length > 254 || !ADDRESS.test(a))
  if (bad !== undefined)
    return failure('TOOL_EMAIL_INVALID', `${JSON.stringify(bad).slice(0, 80)} is not a plain e-mail address`)
  const { subject, body } = args
  if (typeof subject !== 'string' || subject.length > MAX_SUBJECT_CHARS || /[\r\n\0]/.test(subject)) {
    return failure(
      'TOOL_EMAIL_INVALID',
      `subject must be one line of at most ${MAX_SUBJECT_CHARS} characters`,
    )
  }
  if (
    typeof body !== 'string' ||
    Buffer.byteLength(body) > TOOL_LIMITS.maxEmailBodyBytes ||
    body.includes('\0')
  ) {
    return failure(
      'TOOL_EMAIL_INVALID',
      `body must be text of at most ${TOOL_LIMITS.maxEmailBodyBytes} bytes`,
    )
  }
  const date = new Date()
  const id = createHash('sha256').update(call.actionId).digest('hex').slice(0, 16)
  const message = {
    from: `${call.agentId.replace(/[^A-Za-z0-9._-]/g, '_')}@agents.warden.local`,
    to: to as string[],
    subject,
    body,
    date: date.toISOString(),
    actionId: call.actionId,
    agentId: call.agentId,
    messageId: `<${id}@warden.local>`,
  }
  const eml = toEml(message, date)
  const name = `${date.toISOString().replace(/[-:.]/g, '')}-${id}`
  if (call.dryRun) {
    return success(`dry-run: would write ${name}.eml to the outbox\n${eml}`, { dryRun: true, message, eml })
  }
  await mkdir(outbox, { recursive: true })
  await atomicWrite(join(outbox, `${name}.json`), `${JSON.stringify(message, null, 2)}\n`)
  await atomicWrite(join(outbox, `${name}.eml`), eml)
  return success(`queued for ${message.to.join(', ')} in the outbox as ${name}.eml`, {
    file: `${name}.eml`,
    message,
  })
}

function toEml(
  m: { from: string; to: string[]; subject: string; body: string; messageId: string; actionId: string },
  date: Date,
): string {
  const headers = [
    `From: ${m.from}`,
    `To: ${m.to.join(', ')}`,
    `Subject: ${encodeWord(m.subject)}`,
    `Date: ${date.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: ${m.messageId}`,
    `X-Warden-Action: ${encodeWord(m.actionId)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
  ]
  const encoded = Buffer.from(m.body, 'utf8')
    .toString('base64')
    .replace(/.{1,76}/g, '$&\r\n')
  return `${headers.join('\r\n')}\r\n\r\n${encoded}`
}

// RFC 2047: a header with anything but printable ASCII travels as a base64 encoded-word.
function encodeWord(text: string): string {
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`
}

async function atomicWrite(path: string, text: string): Promise<void> {
  const temp = `${path}.${randomBytes(6).toString('hex')}.tmp`
  await writeFile(temp, text, { flag: 'wx' })
  await rename(temp, path)
}
