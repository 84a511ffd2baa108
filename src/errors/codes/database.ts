import type { CatalogArea } from '../entry.js'

export const databaseCodes: CatalogArea = {}
