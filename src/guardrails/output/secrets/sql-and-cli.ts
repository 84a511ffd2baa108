import type { Finding } from '../../finding.js'
import { type Recognizer, secretFinding } from '../recognizer.js'
import { plausibleCredential } from './assignment-value.js'
import { readValue } from './read-value.js'

// SQL user management (CREATE/ALTER USER|ROLE ... IDENTIFIED BY, WITH PASSWORD), curl -u user:pass,
// PowerShell ConvertTo-SecureString, bare `Bearer <token>` headers and XML elements named after credentials.
const SQL =
  /\bIDENTIFIED\s+(?:WITH\s+\S{1,40}\s+)?BY\s+|\b(?:LOGIN|WITH|ENCRYPTED|UNENCRYPTED)\s+PASSWORD\s+/gi
const CURL_USER = /(?<![\w-])(?:-u|--user|--proxy-user)\s+["']?[^\s:"']{1,64}:/g
const SECURE_STRING = /ConvertTo-SecureString\s+(?:-(?:String|AsPlainText|Force)\s+){0,3}\\?/gi
const BEARER = /\bBearer\s+/g
const XML =
  /<(password|passwd|pwd|secret|token|api_?key|access_?key|client_?secret)\b[^<>]{0,80}>(?=[^<\s])/gi

/** Credentials in SQL, shell and XML forms that have no `name = value` shape. */
export const sqlAndCliRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    const out: Finding[] = []
    const push = (pos: number, kind: 'PASSWORD' | 'TOKEN', score: number, stop?: string) => {
      const v = readValue(text, pos)
      if (v === undefined) return
      const value = stop === undefined ? v.value : (v.value.split(stop)[0] ?? '')
      if (plausibleCredential(value, kind))
        out.push(secretFinding(kind, v.start, v.start + value.length, score))
    }
    if (/identified|password/i.test(text))
      for (const m of text.matchAll(SQL)) push(m.index + m[0].length, 'PASSWORD', 0.85)
    if (text.includes('-u') || text.includes('--user'))
      for (const m of text.matchAll(CURL_USER)) push(m.index + m[0].length, 'PASSWORD', 0.8)
    if (/securestring/i.test(text))
      for (const m of text.matchAll(SECURE_STRING)) push(m.index + m[0].length, 'PASSWORD', 0.85)
    if (text.includes('Bearer'))
      for (const m of text.matchAll(BEARER)) push(m.index + m[0].length, 'TOKEN', 0.8)
    if (text.includes('<'))
      for (const m of text.matchAll(XML)) {
        const kind = /pass|pwd/i.test(m[1] ?? '') ? 'PASSWORD' : 'TOKEN'
        push(m.index + m[0].length, kind, 0.8, '<')
      }
    return out
  },
}
