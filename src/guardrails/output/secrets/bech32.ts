const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l'
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3]

/**
 * True when `value` is a well-formed Bech32 string (BIP 173): human-readable part, "1", data and a
 * six-character checksum that the BCH code accepts. Age secret keys are Bech32, so a fake with one
 * wrong character fails here.
 */
export function bech32Valid(value: string): boolean {
  const s = value.toLowerCase()
  const sep = s.lastIndexOf('1')
  if (sep < 1 || sep + 7 > s.length) return false
  const hrp = s.slice(0, sep)
  const data: number[] = []
  for (const ch of s.slice(sep + 1)) {
    const v = CHARSET.indexOf(ch)
    if (v < 0) return false
    data.push(v)
  }
  const values = [
    ...[...hrp].map((c) => c.charCodeAt(0) >> 5),
    0,
    ...[...hrp].map((c) => c.charCodeAt(0) & 31),
    ...data,
  ]
  let chk = 1
  for (const v of values) {
    const top = chk >>> 25
    chk = ((chk & 0x1ffffff) << 5) ^ v
    for (let i = 0; i < 5; i++) if ((top >>> i) & 1) chk ^= GENERATOR[i]!
  }
  return chk === 1
}
