import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { ipScope } from './ip-scope.js'

describe('ipScope', () => {
  it.each([
    ['127.0.0.1', 'loopback'],
    ['127.1', 'loopback'],
    ['2130706433', 'loopback'],
    ['0x7f.1', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['172.32.0.1', 'public'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'reserved'],
    ['192.0.2.10', 'reserved'],
    ['8.8.8.8', 'public'],
    ['93.184.216.34', 'public'],
  ])('IPv4 %s is %s', (host, scope) => {
    expect(ipScope(host)).toBe(scope)
  })

  it.each([
    ['[::1]', 'loopback'],
    ['::1', 'loopback'],
    ['[::]', 'unspecified'],
    ['[::ffff:127.0.0.1]', 'loopback'],
    ['[::ffff:a9fe:a9fe]', 'linkLocal'],
    ['[::ffff:8.8.8.8]', 'public'],
    ['[::127.0.0.1]', 'loopback'],
    ['[64:ff9b::a9fe:a9fe]', 'linkLocal'],
    ['[64:ff9b::8.8.8.8]', 'public'],
    ['[2002:7f00:1::]', 'loopback'],
    ['[2002:0808:0808::1]', 'public'],
    ['[fd00:ec2::254]', 'private'],
    ['[fc00::1]', 'private'],
    ['[fe80::1]', 'linkLocal'],
    ['[fe80::1%25eth0]', 'linkLocal'],
    ['fe80::1%eth0', 'linkLocal'],
    ['[ff02::1]', 'multicast'],
    ['[2001:db8::1]', 'reserved'],
    ['[2001:0:4136:e378:8000:63bf:3fff:fdd2]', 'reserved'],
    ['[2606:4700:4700::1111]', 'public'],
    ['[2a00:1450:4001:82b::200e]', 'public'],
  ])('IPv6 %s is %s', (host, scope) => {
    expect(ipScope(host)).toBe(scope)
  })

  it('says nothing about names or invalid hosts', () => {
    expect(ipScope('weather.api.com')).toBeUndefined()
    expect(ipScope('localhost')).toBeUndefined()
    expect(ipScope('not a host')).toBeUndefined()
  })

  it('gives every notation of an IPv4 address the same scope (decimal, hex, mapped, NAT64, 6to4)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const [a = 0, b = 0, c = 0, d = 0] = ip.split('.').map(Number)
        const n = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0
        const hi = (n >>> 16).toString(16)
        const lo = (n & 0xffff).toString(16)
        const scope = ipScope(ip)
        expect(ipScope(String(n))).toBe(scope)
        expect(ipScope(`0x${n.toString(16)}`)).toBe(scope)
        expect(ipScope(`[::ffff:${ip}]`)).toBe(scope)
        expect(ipScope(`[64:ff9b::${ip}]`)).toBe(scope)
        expect(ipScope(`[2002:${hi}:${lo}::1]`)).toBe(scope)
      }),
      { numRuns: 2_000 },
    )
  })
})
