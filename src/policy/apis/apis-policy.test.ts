import { describe, expect, it } from 'vitest'
import { ConfigPathError } from '../../config/load.js'
import type { ApisPermissions } from '../../config/schema.js'
import { type ApisPolicy, checkHttpRequest, compileApisPolicy } from './apis-policy.js'

const AT = ['agents', 'reporter', 'permissions', 'apis'] as const

function aPolicy(perms: Partial<ApisPermissions> = {}): ApisPolicy {
  return compileApisPolicy(
    { allowed: ['weather.api.com', 'maps.api.com'], methods: ['GET'], ...perms } as ApisPermissions,
    AT,
  )
}

function codeOf(policy: ApisPolicy, url: unknown, ...method: unknown[]): string {
  const result = checkHttpRequest(policy, method.length === 0 ? 'GET' : method[0], url)
  return result.allowed ? 'allow' : result.code
}

describe('checkHttpRequest: legitimate requests', () => {
  const policy = aPolicy({
    allowed: ['weather.api.com', 'api.example.com:8443', '*.cdn.example.net', 'münchen.de'],
  })

  it.each([
    'https://weather.api.com/',
    'https://weather.api.com',
    'https://weather.api.com/v1/forecast?city=Oslo&units=metric',
    'https://weather.api.com/v1/forecast#today',
    'https://weather.api.com:443/v1',
    'http://weather.api.com:80/v1',
    'http://weather.api.com/v1',
    'HTTPS://Weather.API.com/v1',
    'https://weather.api.com/a/../b',
    'https://weather.api.com/search?q=https://evil.com',
    'https://weather.api.com/redirect?next=//evil.com',
    'https://weather.api.com/%2f%2fevil.com',
    'https://weather.api.com/?q=caf%C3%A9',
    'https://weather.api.com/@evil.com',
    'https://api.example.com:8443/v2/items',
    'https://img.cdn.example.net/a.png',
    'https://a.b.cdn.example.net/a.png',
    'https://münchen.de/stadtplan',
    'https://xn--mnchen-3ya.de/stadtplan',
  ])('allows %s', (url) => {
    expect(codeOf(policy, url)).toBe('allow')
  })

  it('accepts methods case-insensitively when listed', () => {
    const p = aPolicy({ methods: ['GET', 'post'] })
    expect(codeOf(p, 'https://weather.api.com/', 'post')).toBe('allow')
    expect(codeOf(p, 'https://weather.api.com/', 'POST')).toBe('allow')
  })
})

describe('checkHttpRequest: hosts that are not allowed', () => {
  const policy = aPolicy({ allowed: ['weather.api.com', '*.example.org'] })

  it.each([
    ['https://weather.api.com.evil.com/', 'API_HOST_NOT_ALLOWED'],
    ['https://evil.com/weather.api.com', 'API_HOST_NOT_ALLOWED'],
    ['https://evil.com#@weather.api.com', 'API_HOST_NOT_ALLOWED'],
    ['https://evil.com?@weather.api.com', 'API_HOST_NOT_ALLOWED'],
    ['https://evilweather.api.com/', 'API_HOST_NOT_ALLOWED'],
    ['https://api.com/', 'API_HOST_NOT_ALLOWED'],
    ['https://sub.weather.api.com/', 'API_HOST_NOT_ALLOWED'],
    ['https://weather.api.com./', 'API_HOST_NOT_ALLOWED'],
    ['https://wеather.api.com/', 'API_HOST_NOT_ALLOWED'], // Cyrillic е
    ['https://weather.api.cоm/', 'API_HOST_NOT_ALLOWED'], // Cyrillic о
    ['https://example.org/', 'API_HOST_NOT_ALLOWED'], // wildcard never covers the bare suffix
    ['https://evilexample.org/', 'API_HOST_NOT_ALLOWED'],
    ['https://a.example.org.evil.com/', 'API_HOST_NOT_ALLOWED'],
    ['https://.example.org/', 'API_URL_INVALID'],
    ['https://a..example.org/', 'API_URL_INVALID'],
  ])('denies %s with %s', (url, code) => {
    expect(codeOf(policy, url)).toBe(code)
  })

  it.each([
    ['https://weather.api.com@evil.com/', 'API_USERINFO'],
    ['https://user:pass@weather.api.com/', 'API_USERINFO'],
    ['https://@weather.api.com/', 'API_USERINFO'],
    ['https://weather.api.com:@evil.com/', 'API_USERINFO'],
    ['https://evil.com\\@weather.api.com', 'API_URL_INVALID'],
    ['https://weather.api.com\\@evil.com', 'API_URL_INVALID'],
    ['https://weather.api.com\\.evil.com', 'API_URL_INVALID'],
    ['//weather.api.com/', 'API_URL_INVALID'],
    ['//evil.com', 'API_URL_INVALID'],
    ['/v1/forecast', 'API_URL_INVALID'],
    ['weather.api.com/v1', 'API_URL_INVALID'],
    ['https:evil.com', 'API_URL_INVALID'],
    ['https:weather.api.com', 'API_URL_INVALID'],
    ['https:/weather.api.com/', 'API_URL_INVALID'],
    ['https:///weather.api.com/', 'API_URL_INVALID'],
    ['https:\\\\weather.api.com/', 'API_URL_INVALID'],
    ['https://weather.api.com\t.evil.com/', 'API_URL_INVALID'],
    ['https://weather.api.com\n.evil.com/', 'API_URL_INVALID'],
    ['https://wea\tther.api.com/', 'API_URL_INVALID'],
    [' https://weather.api.com/', 'API_URL_INVALID'],
    ['https://weather.api.com/ ', 'API_URL_INVALID'],
    ['https://weather.api.com\u0000.evil.com/', 'API_URL_INVALID'],
    ['https://weather%2eapi.com/', 'API_URL_INVALID'],
    ['https://weather.api.com%2f@evil.com/', 'API_USERINFO'],
    ['https://weather.api.com%2f.evil.com/', 'API_URL_INVALID'],
    ['https://weather。api。com/', 'API_URL_INVALID'], // ideographic full stops
    ['https://weather．api．com/', 'API_URL_INVALID'], // fullwidth full stops
    ['https://ｗｅａｔｈｅｒ.api.com/', 'API_URL_INVALID'], // fullwidth letters
    ['https://weat\u00adher.api.com/', 'API_URL_INVALID'], // soft hyphen vanishes under IDNA
    ['https://weather.api.com:0443/', 'API_URL_INVALID'],
    ['https://weather.api.com:/', 'API_URL_INVALID'],
    ['https://weather.api.com:99999/', 'API_URL_INVALID'],
    ['https://weather.api.com:+443/', 'API_URL_INVALID'],
    ['https://', 'API_URL_INVALID'],
    ['', 'API_URL_INVALID'],
    [`https://weather.api.com/${'a'.repeat(9000)}`, 'API_URL_INVALID'],
  ])('refuses the ambiguous or malformed %j with %s', (url, code) => {
    expect(codeOf(policy, url)).toBe(code)
  })

  it.each([
    'ftp://weather.api.com/',
    'file:///etc/passwd',
    'javascript:alert(1)',
    'data:text/plain,hi',
    'gopher://weather.api.com/',
    'ws://weather.api.com/',
    'httpx://weather.api.com/',
  ])('refuses the scheme of %s', (url) => {
    expect(codeOf(policy, url)).toBe('API_SCHEME_NOT_ALLOWED')
  })
})

describe('checkHttpRequest: IP literals', () => {
  const policy = aPolicy()

  it.each([
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0x7f.1/',
    'http://017700000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://127.0.1/',
    'http://169.254.169.254/latest/meta-data/',
    'http://0.0.0.0/',
    'http://10.0.0.1:8080/',
    'http://[::1]/',
    'http://[0:0:0:0:0:0:0:1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[::]/',
    'http://[fd00:ec2::254]/',
  ])('denies %s when no IP is listed', (url) => {
    expect(codeOf(policy, url)).toBe('API_IP_LITERAL')
  })

  it('denies an IPv6 zone id (WHATWG refuses it; so do we)', () => {
    expect(codeOf(policy, 'http://[fe80::1%25eth0]/')).not.toBe('allow')
  })

  it('allows an IP only when listed, and only in its canonical spelling', () => {
    const p = aPolicy({ allowed: ['10.0.0.5', '[2001:db8::1]:8443'] })
    expect(codeOf(p, 'http://10.0.0.5/')).toBe('allow')
    expect(codeOf(p, 'https://[2001:db8::1]:8443/')).toBe('allow')
    expect(codeOf(p, 'http://167772165/')).toBe('API_IP_LITERAL')
    expect(codeOf(p, 'http://0xa.0.0.5/')).toBe('API_IP_LITERAL')
    expect(codeOf(p, 'http://10.0.5/')).toBe('API_IP_LITERAL')
    expect(codeOf(p, 'http://10.0.0.6/')).toBe('API_IP_LITERAL')
    expect(codeOf(p, 'https://[2001:db8::1]/')).toBe('API_PORT_NOT_ALLOWED')
  })
})

describe('checkHttpRequest: ports and methods', () => {
  const policy = aPolicy({ allowed: ['weather.api.com', 'api.example.com:8443'], methods: ['GET', 'POST'] })

  it('allows default ports, written or not, and only listed non-default ports', () => {
    expect(codeOf(policy, 'https://weather.api.com:443/')).toBe('allow')
    expect(codeOf(policy, 'https://weather.api.com:8443/')).toBe('API_PORT_NOT_ALLOWED')
    expect(codeOf(policy, 'http://weather.api.com:443/')).toBe('API_PORT_NOT_ALLOWED')
    expect(codeOf(policy, 'https://weather.api.com:80/')).toBe('API_PORT_NOT_ALLOWED')
    expect(codeOf(policy, 'https://api.example.com:8443/')).toBe('allow')
    expect(codeOf(policy, 'https://api.example.com/')).toBe('API_PORT_NOT_ALLOWED')
  })

  it.each([
    ['DELETE', 'API_METHOD_NOT_ALLOWED'],
    ['CONNECT', 'API_METHOD_NOT_ALLOWED'],
    ['TRACE', 'API_METHOD_NOT_ALLOWED'],
    ['GET ', 'API_METHOD_NOT_ALLOWED'],
    ['', 'API_METHOD_NOT_ALLOWED'],
    [undefined, 'API_METHOD_NOT_ALLOWED'],
    [42, 'API_METHOD_NOT_ALLOWED'],
  ])('denies method %j', (method, code) => {
    expect(codeOf(policy, 'https://weather.api.com/', method)).toBe(code)
  })

  it('allows only GET by default', () => {
    const p = compileApisPolicy({ allowed: ['weather.api.com'], methods: ['GET'] }, AT)
    expect(codeOf(p, 'https://weather.api.com/', 'GET')).toBe('allow')
    expect(codeOf(p, 'https://weather.api.com/', 'POST')).toBe('API_METHOD_NOT_ALLOWED')
  })

  it('denies every request when nothing is allowed', () => {
    const p = compileApisPolicy({ allowed: [], methods: ['GET'] }, AT)
    expect(codeOf(p, 'https://weather.api.com/')).toBe('API_HOST_NOT_ALLOWED')
  })
})

describe('compileApisPolicy', () => {
  it.each([
    ['https://weather.api.com', 'URL'],
    ['weather.api.com/v1', 'path'],
    ['*', 'every host'],
    ['*.com', 'public suffix'],
    ['*.co.uk', 'public suffix'],
    ['*.amazonaws.com', 'public suffix'],
    ['api.*.com', 'first label'],
    ['*.*.example.com', 'first label'],
    ['weather.api.com:0', 'port'],
    ['weather.api.com:65536', 'port'],
    ['weather.api.com:http', 'port'],
    ['weather.api.com:', 'port'],
    ['user@weather.api.com', '@'],
    [' weather.api.com', 'whitespace'],
    ['weather.api.com.', 'dot'],
    ['weather。api。com', 'IDNA'],
    ['::1', 'brackets'],
    ['*.10.0.0.1', 'IP'],
    ['weather%2eapi.com', 'percent'],
    ['bad_host!', 'valid host'],
  ])('refuses the allowed entry %j at its path', (entry, why) => {
    let error: unknown
    try {
      compileApisPolicy({ allowed: ['ok.example.com', entry], methods: ['GET'] }, AT)
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigPathError)
    expect((error as ConfigPathError).path).toEqual([...AT, 'allowed', 1])
    expect((error as ConfigPathError).message).toContain(why)
  })

  it('refuses an unknown method at its path', () => {
    expect(() => compileApisPolicy({ allowed: [], methods: ['GET', 'CONNECT'] }, AT)).toThrow(ConfigPathError)
    try {
      compileApisPolicy({ allowed: [], methods: ['GET', 'FETCH'] }, AT)
    } catch (e) {
      expect((e as ConfigPathError).path).toEqual([...AT, 'methods', 1])
    }
  })

  it('stores hosts canonically and gives equal host sets the same key', () => {
    const a = compileApisPolicy({ allowed: ['Weather.API.com', 'münchen.de', '127.1'], methods: ['GET'] }, AT)
    expect([...a.hosts.keys()].sort()).toEqual(['127.0.0.1', 'weather.api.com', 'xn--mnchen-3ya.de'])
    const b = compileApisPolicy(
      { allowed: ['xn--mnchen-3ya.de', '127.0.0.1', 'weather.api.com'], methods: ['get'] },
      AT,
    )
    expect(b.hostSetKey).toBe(a.hostSetKey)
    const c = compileApisPolicy({ allowed: ['weather.api.com'], methods: ['GET'] }, AT)
    expect(c.hostSetKey).not.toBe(a.hostSetKey)
  })
})
