import type { Finding } from '../../finding.js'
import { isPlaceholder } from '../placeholder.js'
import { type Recognizer, secretFinding } from '../recognizer.js'

// scheme://user:password@host. The user and password runs are bounded and exclude '/' and
// whitespace, so an attempt never scans past the authority.
const URL_CREDS =
  /(?<![A-Za-z0-9+.-])([A-Za-z][A-Za-z0-9+.-]{1,30}):\/\/([^\s:/'"<>]{0,128}):([^\s/@'"<>]{1,256})@[A-Za-z0-9.[_-]/g
const DATABASE_SCHEMES =
  /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|oracle|jdbc:.*|db2|cockroachdb|clickhouse|neo4j|couchdb|cassandra|memcached|ldaps?|dbconnection)$/i

/** DATABASE_URL / URL_CREDENTIALS: the password inside a URL's userinfo (RFC 3986 §3.2.1). */
export const credentialUrlRecognizer: Recognizer = {
  entities: ['SECRET'],
  scan(text) {
    if (!text.includes('://')) return []
    const out: Finding[] = []
    for (const m of text.matchAll(URL_CREDS)) {
      const [, scheme = '', user = '', password = ''] = m
      if (isPlaceholder(password) || /^(?:password|pass|pwd|secret|\*+|x+)$/i.test(password)) continue
      if (/^\$|^%\(|^\{/.test(password)) continue
      const start = m.index + scheme.length + 3 + user.length + 1
      const kind = DATABASE_SCHEMES.test(scheme) ? 'DATABASE_URL' : 'URL_CREDENTIALS'
      out.push(secretFinding(kind, start, start + password.length, 0.95))
    }
    return out
  },
}
