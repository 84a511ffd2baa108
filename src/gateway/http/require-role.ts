import type { MiddlewareHandler } from 'hono'
import { bearerToken } from '../auth/bearer.js'
import { type Operator, type Role, roleAllows } from '../auth/roles.js'
import { jsonError } from './http-error.js'

/** Hono variables the admin routes read: the operator the bearer token named. */
export interface AdminEnv {
  Variables: { operator: Operator }
}

/**
 * Lets a request through when its bearer token belongs to an operator whose role may use the route:
 * 401 UNAUTHENTICATED without a valid token, 403 ROLE_FORBIDDEN with the wrong role.
 */
export function requireRole(
  lookup: (token: string) => Operator | undefined,
  need: Role,
): MiddlewareHandler<AdminEnv> {
  return async function roleCheck(c, next) {
    const token = bearerToken(c.req.header('authorization'))
    const operator = token === undefined ? undefined : lookup(token)
    if (operator === undefined) {
      c.header('WWW-Authenticate', 'Bearer realm="warden"')
      return jsonError(c, 401, 'UNAUTHENTICATED', 'a valid operator bearer token is required')
    }
    if (!roleAllows(operator.role, need)) {
      return jsonError(
        c,
        403,
        'ROLE_FORBIDDEN',
        `role ${operator.role} may not use this route (needs ${need})`,
      )
    }
    c.set('operator', operator)
    await next()
  }
}
