import type { Finding } from '../../finding.js'
import { type Recognizer, secretFinding } from '../recognizer.js'
import { type AssignmentKind, plausibleCredential } from './assignment-value.js'
import { readValue } from './read-value.js'

// Credential words, found first with one cheap regex; everything else is parsed by hand from each hit.
// Spelling variants (passwd, paswrd, pswd) are common in configs.
const KEYWORD =
  /p(?:a|s)?s{1,2}w(?:o?r)?d|pass(?:phrase|w)?|pwd|pw|secret|token|api[_-]?key|apikey|access[_-]?key|private[_-]?key|auth(?:orization)?|credential|key|비번|비밀번호|암호|パスワード|contraseña|mot de passe/gi
// Identifier characters: [A-Za-z0-9_.$-], by code so the loops avoid a regex call per character.
function isIdent(c: number): boolean {
  return (
    (c >= 97 && c <= 122) ||
    (c >= 65 && c <= 90) ||
    (c >= 48 && c <= 57) ||
    c === 95 ||
    c === 46 ||
    c === 36 ||
    c === 45
  )
}
const isLower = (c: number) => (c >= 97 && c <= 122) || (c >= 0xdf && c <= 0xff)
const isUpper = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde)
// name [: Type] <op> value — assignment, comparison, mapping, "is" in prose.
const AFTER_NAME =
  /^["'\]]?\s{0,8}(?::\s{0,4}[A-Za-z_][\w.[\]]{0,30}\s{0,4}(?==))?(?:!==|!=|===|==|:=|=>|->|=|:|\s+is\s+)\s{0,8}/
// name "value" (SET, #define, SQL), name, "value" (define(), setopt()).
const SPACE_THEN_QUOTE = /^["']?\s{0,4},?\s{0,8}(?=["'])/
const FLAG_SPACE = /^\s{1,8}/
const AUTH_SCHEME = /^(?:Bearer|Basic|Token|NTLM|Negotiate|Digest)\s+/i
const MACRO = /(?:define|set|export|let|var|const)\s+$/i

/**
 * Generic credential assignments (`password=`, `api_key: "..."`, `--token X`, `"secret": "..."`,
 * `#define PASSWORD "..."`): the value is reported when it passes the stop-word and entropy tests.
 */
export const assignmentRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    const out: Finding[] = []
    let lastEnd = -1
    for (const m of text.matchAll(KEYWORD)) {
      if (m.index < lastEnd || !atWordEdge(text, m.index, m.index + m[0].length)) continue
      let start = m.index
      while (start > 0 && start > m.index - 40 && isIdent(text.charCodeAt(start - 1))) start--
      let end = m.index + m[0].length
      while (end < text.length && end < m.index + 40 && isIdent(text.charCodeAt(end))) end++
      const name = text.slice(start, end)
      const spaced = name.startsWith('-') || MACRO.test(text.slice(Math.max(0, start - 10), start))
      const found = valueAfter(text, end, spaced)
      if (found === undefined) continue
      const kind = kindOf(name, found.value)
      if (!plausibleCredential(found.value, kind)) continue
      out.push(secretFinding(kind, found.start, found.start + found.value.length, 0.8))
      lastEnd = found.start + found.value.length
    }
    return out
  },
}

// "bypass", "passed", "author", "pwdump", "tokenized" contain credential words but are not credential
// names: the word must start at a word or camelCase edge and end at one.
function atWordEdge(text: string, start: number, end: number): boolean {
  const before = text.charCodeAt(start - 1)
  const after = text.charCodeAt(end)
  if (isLower(before) && !isUpper(text.charCodeAt(start))) return false
  if (isLower(after)) return false
  return !(isUpper(after) && isUpper(text.charCodeAt(end - 1)) && isLower(text.charCodeAt(end + 1)))
}

function valueAfter(
  text: string,
  from: number,
  spaced: boolean,
): { start: number; value: string } | undefined {
  const rest = text.slice(from, from + 48)
  const sep = AFTER_NAME.exec(rest) ?? SPACE_THEN_QUOTE.exec(rest) ?? (spaced ? FLAG_SPACE.exec(rest) : null)
  if (sep === null) return undefined
  let pos = from + sep[0].length
  const quoted = /^["']/.test(text[pos] ?? '')
  const scheme = AUTH_SCHEME.exec(text.slice(quoted ? pos + 1 : pos, pos + 16))
  if (scheme !== null) pos += scheme[0].length + (quoted ? 1 : 0)
  return readValue(text, pos)
}

function kindOf(name: string, value: string): AssignmentKind {
  const n = name.toLowerCase()
  if (n.includes('aws') && /^[A-Za-z0-9/+]{40}$/.test(value)) return 'AWS_SECRET_KEY'
  if (/p(?:a|s)?s{1,2}w|pass|pwd|pw|비번|비밀번호|암호|パスワード|contraseña|mot de passe/.test(n))
    return 'PASSWORD'
  if (/token|auth|bearer/.test(n)) return 'TOKEN'
  if (/secret/.test(n)) return 'SECRET'
  return 'API_KEY'
}
