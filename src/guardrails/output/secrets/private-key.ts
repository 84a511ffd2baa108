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
      // END markers are found once each, in order, and a BEGIN inside an already reported block is
      // skipped: the work stays linear even for text made of nothing but BEGIN lines.
      let nextEnd: RegExpExecArray | null | undefined
      let lastStop = 0
      for (const m of text.matchAll(BEGIN)) {
        if (m.index < lastStop) continue
        // Passphrase-encrypted keys (PKCS#8 ENCRYPTED, RFC 1421 Proc-Type) are protected at rest by
        // design; only plaintext keys are reported.
        if (FAKE.test(m[1] ?? '') || /ENCRYPTED/.test(m[1] ?? '')) continue
        const bodyStart = m.index + m[0].length
        if (nextEnd !== null && (nextEnd === undefined || nextEnd.index < bodyStart)) {
          END.lastIndex = bodyStart
          nextEnd = END.exec(text)
        }
        const end =
          nextEnd !== null && nextEnd !== undefined && nextEnd.index - bodyStart <= MAX_BLOCK ? nextEnd : null
        const stop = end !== null ? end.index + end[0].length : bodyEnd(text, bodyStart)
        const body = text.slice(
          bodyStart,
          end !== null && stop === end.index + end[0].length ? end.index : stop,
        )
        if (/^\s*Proc-Type: 4,ENCRYPTED/.test(body)) continue
        if (body.includes('...') || (body.match(/[A-Za-z0-9+/=]/g)?.length ?? 0) < 32) continue
        out.push(secretFinding('PRIVATE_KEY', m.index, stop, 1))
        lastStop = stop
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
