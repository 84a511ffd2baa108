/**
 * The delay before restart attempt `attempt` (0-based): `initialMs · 2^attempt`, capped at `maxMs`, with up
 * to 20% taken off at random so that upstreams which failed together (a network blip) do not all retry in
 * the same instant. `random` is injectable for tests.
 *
 * @example
 * backoffDelayMs(3, { initialMs: 250, maxMs: 30_000 }, () => 0) // 2000
 */
export function backoffDelayMs(
  attempt: number,
  limits: { readonly initialMs: number; readonly maxMs: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.min(Math.max(0, Math.floor(attempt)), 30)
  const full = Math.min(limits.maxMs, limits.initialMs * 2 ** exponent)
  return Math.round(full * (1 - 0.2 * random()))
}
