/**
 * A FIFO with O(1) shift and indexed peeking: verify consumes pages of 10,000 rows one at a time, and
 * Array#shift on a large array copies the rest on every call.
 */
export class RowQueue<T> {
  private items: T[] = []
  private head = 0

  get length(): number {
    return this.items.length - this.head
  }

  push(item: T): void {
    this.items.push(item)
  }

  /** The item `i` places from the front, or undefined. */
  at(i: number): T | undefined {
    return this.items[this.head + i]
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined
    const item = this.items[this.head++]
    if (this.head > 4_096 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }

  /** Removes the item `i` places from the front (rare: a moved row found by lookahead). */
  removeAt(i: number): void {
    this.items.splice(this.head + i, 1)
  }
}
