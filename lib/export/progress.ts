import type { ProgressFn } from './types';

/** Records handled between two yields to the event loop: small enough that a frame is never starved. */
export const CHUNK = 200;

/** Let the event loop run (paint, input, other messages) before the next chunk of work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Counts work done and, every CHUNK records, reports it and yields, so an export of thousands of
 * annotations keeps the popup or dashboard responsive. An export smaller than one chunk never
 * yields and reports only its end.
 */
export class Ticker {
  private done = 0;
  private sinceYield = 0;
  constructor(private readonly total: number, private readonly onProgress?: ProgressFn) {}

  async tick(n = 1): Promise<void> {
    this.done += n;
    this.sinceYield += n;
    if (this.sinceYield >= CHUNK) {
      this.sinceYield = 0;
      this.onProgress?.(Math.min(this.done, this.total), this.total);
      await yieldToEventLoop();
    }
  }

  finish(): void {
    this.onProgress?.(this.total, this.total);
  }
}

/** Units of work in an export: one per article and one per annotation. */
export function workOf(items: ReadonlyArray<{ annotations: readonly unknown[] }>): number {
  return items.reduce((n, it) => n + 1 + it.annotations.length, 0);
}
