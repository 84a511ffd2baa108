import { nameList, type SqlNode, unwrap } from './sql-parser.js'

/** A relation the statement names: read in FROM/JOIN/subqueries, or the target of a write. */
export interface RelationRef {
  readonly catalog: string | undefined
  readonly schema: string | undefined
  readonly name: string
}

/** Everything in a statement that the database boundary rules on, found by one walk of the whole tree. */
export interface SqlFacts {
  readonly relations: RelationRef[]
  /** Function names as written (`['pg_catalog', 'count']`). */
  readonly functions: string[][]
  /** Type names of casts and constructors (`['regclass']`). */
  readonly types: string[][]
  /** Schema-qualified operators (`OPERATOR(public.===)`). */
  readonly operators: string[][]
  /** SQLValueFunction ops (`SVFOP_CURRENT_USER`). */
  readonly valueFunctions: string[]
  /** String constants by byte location, as the parser decoded them (to restate E'' and $$ strings). */
  readonly strings: Map<number, string>
  /** Writes nested below the top statement: data-modifying CTEs and MERGE actions. */
  readonly writes: Set<string>
  selectInto: boolean
  locking: boolean
  upsert: boolean
  tooDeep: boolean
}

/** Deeper trees are refused rather than walked (bounded recursion; real queries stay far below). */
export const MAX_SQL_DEPTH = 512

const NESTED_WRITES: Readonly<Record<string, string>> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
}
const MERGE_ACTIONS: Readonly<Record<string, string>> = {
  CMD_INSERT: 'INSERT',
  CMD_UPDATE: 'UPDATE',
  CMD_DELETE: 'DELETE',
}

/**
 * Walks every node and every key of a statement body, so that no nesting (joins, subqueries in any clause,
 * set operations, LATERAL, CTEs, function arguments, MERGE actions) hides a relation or a call. CTE names
 * are tracked per WITH scope: an unqualified name shadows a table only inside the WITH that defines it
 * (for a plain WITH, only in the CTEs after it and in the body), and never as the target of a write.
 */
export function collectFacts(body: SqlNode): SqlFacts {
  const facts: SqlFacts = {
    relations: [],
    functions: [],
    types: [],
    operators: [],
    valueFunctions: [],
    strings: new Map(),
    writes: new Set(),
    selectInto: false,
    locking: false,
    upsert: false,
    tooDeep: false,
  }
  const scopes: Set<string>[] = []

  const isCte = (name: string): boolean => scopes.some((scope) => scope.has(name))

  const relation = (rv: SqlNode, target: boolean): void => {
    const catalog = typeof rv.catalogname === 'string' ? rv.catalogname : undefined
    const schema = typeof rv.schemaname === 'string' ? rv.schemaname : undefined
    const name = String(rv.relname)
    if (!target && catalog === undefined && schema === undefined && isCte(name)) return
    facts.relations.push({ catalog, schema, name })
  }

  const visit = (value: unknown, key: string, depth: number): void => {
    if (depth > MAX_SQL_DEPTH) {
      facts.tooDeep = true
      return
    }
    if (value === null || typeof value !== 'object') return
    if (Array.isArray(value)) {
      for (const item of value) visit(item, key, depth + 1)
      return
    }
    const node = unwrap(value)
    if (node !== undefined) {
      visitNode(node.tag, node.body, depth + 1)
      return
    }
    const struct = value as SqlNode
    // Unwrapped structs: `relation` of a write, `rel`, `larg`/`rarg` of a set operation, `typeName`.
    if (typeof struct.relname === 'string') {
      relation(struct, key === 'relation')
      return
    }
    if (key === 'typeName') facts.types.push(nameList(struct.names))
    visitFields(struct, depth + 1)
  }

  const visitNode = (tag: string, body: SqlNode, depth: number): void => {
    switch (tag) {
      case 'RangeVar':
        relation(body, false)
        return
      case 'FuncCall':
        facts.functions.push(nameList(body.funcname))
        break
      case 'TypeName':
        facts.types.push(nameList(body.names))
        break
      case 'A_Const': {
        const sval = body.sval as { sval?: unknown } | undefined
        if (sval !== undefined && typeof body.location === 'number') {
          facts.strings.set(body.location, typeof sval.sval === 'string' ? sval.sval : '')
        }
        return
      }
      case 'SQLValueFunction':
        facts.valueFunctions.push(String(body.op))
        return
      case 'A_Expr':
        if (nameList(body.name).length > 1) facts.operators.push(nameList(body.name))
        break
      case 'SortBy':
        // ORDER BY x USING schema.op calls the operator's function.
        if (nameList(body.useOp).length > 1) facts.operators.push(nameList(body.useOp))
        break
      case 'RangeTableSample':
        // TABLESAMPLE method(...) calls the method's handler function.
        facts.functions.push(['tablesample', ...nameList(body.method)])
        break
      case 'LockingClause':
        // lockedRels only point back at FROM items, which are checked where they appear.
        facts.locking = true
        return
      case 'MergeWhenClause': {
        const action = MERGE_ACTIONS[String(body.commandType)]
        if (action !== undefined) facts.writes.add(action)
        break
      }
      default: {
        const write = NESTED_WRITES[tag]
        if (write !== undefined) facts.writes.add(write)
      }
    }
    visitFields(body, depth)
  }

  const visitFields = (struct: SqlNode, depth: number): void => {
    const withClause = struct.withClause as SqlNode | undefined
    const scope = withClause === undefined ? undefined : enterWith(withClause, depth)
    for (const key in struct) {
      if (key === 'withClause') continue
      const value = struct[key]
      if (key === 'intoClause') {
        facts.selectInto = true
        continue
      }
      if (key === 'onConflictClause' && (value as SqlNode | null)?.action === 'ONCONFLICT_UPDATE')
        facts.upsert = true
      visit(value, key, depth)
    }
    if (scope !== undefined) scopes.pop()
  }

  // Pushes the WITH's scope and walks its CTEs; the caller pops it after walking the statement body.
  const enterWith = (withClause: SqlNode, depth: number): Set<string> => {
    const scope = new Set<string>()
    scopes.push(scope)
    const ctes = Array.isArray(withClause.ctes) ? withClause.ctes : []
    const names = ctes.map((cte) => String(unwrap(cte)?.body.ctename ?? ''))
    if (withClause.recursive === true) for (const name of names) scope.add(name)
    ctes.forEach((cte, i) => {
      visit(cte, 'ctes', depth + 1)
      scope.add(names[i] ?? '')
    })
    return scope
  }

  visitFields(body, 0)
  return facts
}
