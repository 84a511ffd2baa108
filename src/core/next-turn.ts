/**
 * Resolves on the next turn of the event loop, after pending I/O. Long reads of a store (verify, the
 * audit checkpoint's catch-up, the kill switch's resync) await it between pages: a SQLite read is
 * synchronous, so without it a gateway reading a large table would answer nothing else until it was done.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve))
}
