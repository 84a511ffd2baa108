import type { CatalogArea } from '../entry.js'

export const apisCodes: CatalogArea = {}
