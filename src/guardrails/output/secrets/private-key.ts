import type { Finding } from '../../finding.js'
import { type Recognizer, secretFinding } from '../recognizer.js'

const BEGIN = /-----BEGIN ([A-Z0-9 ]{0,40})PRIVATE KEY(?: BLOCK)?-----/g
const END = /-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----/g
// "LS0tLS1CRUdJTi" is base64 for "-----BEGIN": a whole PEM file pasted as one base64 string.
const B64_PEM = /(?<![A-Za-z0-9+/])LS0tLS1CRUdJTi[A-Za-z0-9+/]{40,}={0,2}/g
const MAX_BLOCK = 16_384
const FAKE = /FAKE|EXAMPLE|DUMMY|SAMPLE|TEST/

/**
 * PRIVATE_KEY: a PEM block (RSA, EC, DSA, OpenSSH, PGP, PKCS#8, encrypted) from BEGIN to END, or to the
 * end of its base64 body when END is missing (a truncated paste still leaks the key). Bodies with
 * ellipses, or labels saying FAKE/EXAMPLE, are documentation.
 */
export const privateKeyRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    const out: Finding[] = []
    if (text.includes('PRIVATE KEY')) {
      for (const m of text.matchAll(BEGIN)) {
        // Passphrase-encrypted keys (PKCS#8 ENCRYPTED, RFC 1421 Proc-Type) are protected at rest by
        // design; only plaintext keys are reported.
        if (FAKE.test(m[1] ?? '') || /ENCRYPTED/.test(m[1] ?? '')) continue
        const bodyStart = m.index + m[0].length
        END.lastIndex = bodyStart
        const end = END.exec(text)
        let stop: number
        if (end !== null && end.index - bodyStart <= MAX_BLOCK) stop = end.index + end[0].length
        else stop = bodyEnd(text, bodyStart)
        const body = text.slice(
          bodyStart,
          end !== null && stop === end.index + end[0].length ? end.index : stop,
        )
        if (/^\s*Proc-Type: 4,ENCRYPTED/.test(body)) continue
        if (body.includes('...') || (body.match(/[A-Za-z0-9+/=]/g)?.length ?? 0) < 32) continue
        out.push(secretFinding('PRIVATE_KEY', m.index, stop, 1))
      }
    }
    if (text.includes('LS0tLS1CRUdJTi')) {
      for (const m of text.matchAll(B64_PEM)) {
        const decoded = Buffer.from(m[0].slice(0, 120), 'base64').toString('latin1')
        if (!decoded.includes('PRIVATE') || decoded.includes('ENCRYPTED')) continue
        out.push(secretFinding('PRIVATE_KEY', m.index, m.index + m[0].length, 0.9))
      }
    }
    return out
  },
}

// Without an END line, the key runs over the following lines while they look like base64 content.
function bodyEnd(text: string, from: number): number {
  let pos = from
  const limit = Math.min(text.length, from + MAX_BLOCK)
  while (pos < limit) {
    const nl = text.indexOf('\n', pos + 1)
    const lineEnd = nl === -1 || nl > limit ? limit : nl
    const line = text.slice(pos, lineEnd).trim()
    if (line.length > 0 && !/[A-Za-z0-9+/]{16,}/.test(line) && !/^[A-Za-z-]+: /.test(line)) break
    pos = lineEnd
    if (nl === -1) break
  }
  return pos
}
