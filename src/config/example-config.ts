import { readFileSync } from 'node:fs'

/** The commented example configuration shipped in examples/warden.yaml (what `warden init` writes). */
export const EXAMPLE_CONFIG_URL = new URL('../../examples/warden.yaml', import.meta.url)

export const EXAMPLE_CONFIG: string = readFileSync(EXAMPLE_CONFIG_URL, 'utf8')
