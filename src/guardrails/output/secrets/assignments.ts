import type { Finding } from '../../finding.js'
import { type Recognizer, secretFinding } from '../recognizer.js'
import { type AssignmentKind, plausibleCredential } from './assignment-value.js'

// Credential words, found first with one cheap regex; everything else is parsed by hand from each hit.
const KEYWORD =
  /pass(?:word|wd|phrase|w)?|pwd|pw(?![a-z])|pswd?|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth(?:orization)?|credential|\bkey\b|_key\b|key_|비번|비밀번호|암호|パスワード|contraseña|mot de passe/gi
const IDENT = /[\w.$-]/
const AFTER_NAME = /^["'\]]?\s{0,8}(:=|=>|->|==|=|:|\s+is\s+)\s{0,8}/
const SPACE_THEN_QUOTE = /^["']?\s{1,8}(?=["'])/
const FLAG_SPACE = /^\s{1,8}/
const IDENTIFIED_BY = /\bIDENTIFIED\s+BY\s+/gi
const AUTH_SCHEME = /^(?:Bearer|Basic|Token|NTLM|Negotiate|Digest)\s+/i

/**
 * Generic credential assignments (`password=`, `api_key: "..."`, `--token X`, `"secret": "..."`,
 * `IDENTIFIED BY ...`): the value is reported when it passes the stop-word and entropy tests.
 */
export const assignmentRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    const out: Finding[] = []
    let lastEnd = -1
    for (const m of text.matchAll(KEYWORD)) {
      if (m.index < lastEnd) continue
      let start = m.index
      while (start > 0 && start > m.index - 40 && IDENT.test(text[start - 1]!)) start--
      let end = m.index + m[0].length
      while (end < text.length && end < m.index + 40 && IDENT.test(text[end]!)) end++
      const name = text.slice(start, end)
      const found = valueAfter(text, end, name.startsWith('-'))
      if (found === undefined) continue
      const kind = kindOf(name, found.value)
      if (!plausibleCredential(found.value, kind)) continue
      out.push(secretFinding(kind, found.start, found.start + found.value.length, 0.8))
      lastEnd = found.start + found.value.length
    }
    if (/identified/i.test(text)) {
      for (const m of text.matchAll(IDENTIFIED_BY)) {
        const found = readValue(text, m.index + m[0].length)
        if (found !== undefined && plausibleCredential(found.value, 'PASSWORD'))
          out.push(secretFinding('PASSWORD', found.start, found.start + found.value.length, 0.85))
      }
    }
    return out
  },
}

function valueAfter(
  text: string,
  from: number,
  isFlag: boolean,
): { start: number; value: string } | undefined {
  const rest = text.slice(from, from + 24)
  const sep = AFTER_NAME.exec(rest) ?? SPACE_THEN_QUOTE.exec(rest) ?? (isFlag ? FLAG_SPACE.exec(rest) : null)
  if (sep === null) return undefined
  let pos = from + sep[0].length
  const scheme = AUTH_SCHEME.exec(text.slice(pos, pos + 16).replace(/^["']/, ''))
  if (scheme !== null) pos += scheme[0].length + (/^["']/.test(text[pos] ?? '') ? 1 : 0)
  return readValue(text, pos)
}

// A quoted value up to its closing quote, or a bare value up to whitespace or a delimiter.
function readValue(text: string, pos: number): { start: number; value: string } | undefined {
  const q = text[pos]
  if (q === '"' || q === "'" || q === '`') {
    const close = text.indexOf(q, pos + 1)
    const stop = close === -1 || close - pos > 513 ? Math.min(text.length, pos + 513) : close
    const raw = text.slice(pos + 1, stop)
    const value = raw.split(/\\n|\r|\n/)[0] ?? ''
    return value.length === 0 ? undefined : { start: pos + 1, value }
  }
  let end = pos
  while (end < text.length && end - pos < 512 && !/[\s'",;<>`)}\]]/.test(text[end]!)) end++
  const value = text.slice(pos, end).replace(/[.&]+$/, '')
  return value.length === 0 ? undefined : { start: pos, value }
}

function kindOf(name: string, value: string): AssignmentKind {
  const n = name.toLowerCase()
  if (n.includes('aws') && /^[A-Za-z0-9/+]{40}$/.test(value)) return 'AWS_SECRET_KEY'
  if (/pass|pwd|pw|psw|비번|비밀번호|암호|パスワード|contraseña|mot de passe/.test(n)) return 'PASSWORD'
  if (/token|auth|bearer/.test(n)) return 'TOKEN'
  if (/secret/.test(n)) return 'SECRET'
  return 'API_KEY'
}
