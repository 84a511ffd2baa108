import { writeFileSync } from 'node:fs'
import { CATALOG_AREAS } from '../src/errors/catalog.js'
import { renderErrorsDoc } from '../src/errors/render-errors-doc.js'

// Regenerates docs/errors.md from the catalog: `npm run docs:errors`.
const target = new URL('../docs/errors.md', import.meta.url)
writeFileSync(target, renderErrorsDoc(CATALOG_AREAS))
console.log(`wrote ${target.pathname}`)
