import type { CatalogArea } from '../entry.js'

export const toolsCodes: CatalogArea = {}
