import type { CatalogArea } from '../entry.js'

export const filesCodes: CatalogArea = {}
