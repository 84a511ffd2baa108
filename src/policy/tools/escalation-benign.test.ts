import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { detectEscalation } from './escalation.js'

// Development data, read in place (never copied): benign emails, tables and code answers (BIPIA clean
// rows) and benign prompts full of trigger words (NotInject). detectEscalation runs on every action, so
// it must stay silent on ordinary text.
const EVAL = new URL('../../../../shared/eval/injection/', import.meta.url)
const FILES = ['bipia-train.jsonl', 'notinject-one.jsonl']
const present = FILES.every((f) => existsSync(new URL(f, EVAL)))
if (!present) console.warn(`skipping benign-text escalation check: ${EVAL.pathname} is absent`)

describe.skipIf(!present)('detectEscalation on benign development text', () => {
  it('flags none of the clean BIPIA contexts and NotInject prompts', () => {
    const flagged: string[] = []
    let checked = 0
    for (const file of FILES) {
      for (const line of readFileSync(new URL(file, EVAL), 'utf8').split('\n')) {
        if (line.trim() === '') continue
        const row = JSON.parse(line) as { id: string; text: string; label: number }
        if (row.label !== 0) continue
        checked++
        const found = detectEscalation('email.send', { to: 'team@example.com', body: row.text })
        if (found !== undefined) flagged.push(`${row.id}: ${found.reason}`)
      }
    }
    expect(checked).toBeGreaterThan(1_000)
    expect(flagged).toEqual([])
  })
})
