/**
 * Whether a host as written spells its WHATWG hostname plainly. IDNA (UTS #46) maps fullwidth letters
 * (`ｗｅａｔｈｅｒ`), ideographic and fullwidth dots (`。`, `．`, `｡`) and soft hyphens onto plain ASCII, so
 * `https://weather。api。com/` reaches weather.api.com in a browser but not in every HTTP client — and a
 * filter that compares strings before mapping misses it. Only two spellings are accepted per label: ASCII
 * (any case), or a non-ASCII label that really is an internationalised name (its punycode starts `xn--`).
 *
 * @example
 * plainHostSpelling('WEATHER.api.com', 'weather.api.com') // true
 * plainHostSpelling('weather。api。com', 'weather.api.com') // false
 */
export function plainHostSpelling(raw: string, hostname: string): boolean {
  const rawLabels = raw.split('.')
  const labels = hostname.split('.')
  if (rawLabels.length !== labels.length) return false
  for (let i = 0; i < labels.length; i++) {
    const written = rawLabels[i] ?? ''
    const label = labels[i] ?? ''
    if (isAscii(written)) {
      if (written.toLowerCase() !== label) return false
    } else if (!label.startsWith('xn--')) {
      return false
    }
  }
  return true
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false
  return true
}

// A cheap stand-in for the Public Suffix List: suffixes under which anyone can register a name, so that
// `*.co.uk` or `*.amazonaws.com` would allow hosts an attacker controls (an S3 bucket is the classic
// exfiltration endpoint). Single-label suffixes (`*.com`) are refused by rule, not by this list.
const OPEN_SUFFIXES: ReadonlySet<string> = new Set([
  'co.uk',
  'org.uk',
  'ac.uk',
  'gov.uk',
  'me.uk',
  'com.au',
  'net.au',
  'org.au',
  'co.nz',
  'co.jp',
  'ne.jp',
  'or.jp',
  'com.br',
  'com.cn',
  'com.hk',
  'com.sg',
  'com.tr',
  'com.mx',
  'co.in',
  'co.za',
  'co.kr',
  'com.tw',
  'amazonaws.com',
  's3.amazonaws.com',
  'cloudfront.net',
  'appspot.com',
  'herokuapp.com',
  'azurewebsites.net',
  'blob.core.windows.net',
  'blogspot.com',
  'github.io',
  'githubusercontent.com',
  'gitlab.io',
  'netlify.app',
  'vercel.app',
  'pages.dev',
  'workers.dev',
  'web.app',
  'firebaseapp.com',
  'ngrok.io',
  'ngrok-free.app',
  'trycloudflare.com',
])

/** True when `*.suffix` would cover names anyone can register (a public suffix, as far as we can tell cheaply). */
export function isOpenSuffix(suffix: string): boolean {
  return !suffix.includes('.') || OPEN_SUFFIXES.has(suffix)
}
