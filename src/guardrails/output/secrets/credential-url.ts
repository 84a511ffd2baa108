import type { Finding } from '../../finding.js'
import { isPlaceholder } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'

// Read from each "://": the scheme backwards, then user ":" password "@" host forwards. Bounded reads
// (scheme 32, userinfo 384 characters) keep the work local to each "://".
const SCHEME = /[A-Za-z][A-Za-z0-9+.-]{0,31}$/
const USERINFO = /^([^\s:/'"<>]{0,128}):([^\s/@'"<>]{1,256})@[A-Za-z0-9.[_-]/
const DATABASE_SCHEMES =
  /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|jdbc:.*|db2|cockroachdb|clickhouse|neo4j|couchdb|cassandra|memcached|ldaps?|dbconnection)$/i

/** DATABASE_URL / URL_CREDENTIALS: the password inside a URL's userinfo (RFC 3986 §3.2.1). */
export const credentialUrlRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    const out: Finding[] = []
    for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
      const scheme = SCHEME.exec(text.slice(Math.max(0, at - 32), at))?.[0]
      if (scheme === undefined) continue
      const m = USERINFO.exec(text.slice(at + 3, at + 3 + 400))
      if (m === null) continue
      const [, user = '', password = ''] = m
      if (isPlaceholder(password) || /^(?:password|pass|pwd|secret|\*+|x+)$/i.test(password)) continue
      if (/^\$|^%\(|^\{/.test(password)) continue
      const start = at + 3 + user.length + 1
      const kind = DATABASE_SCHEMES.test(scheme) ? 'DATABASE_URL' : 'URL_CREDENTIALS'
      out.push(secretFinding(kind, start, start + password.length, 0.95))
    }
    return out
  },
}
