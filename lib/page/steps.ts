/**
 * Long walks of the page as steps. A walk of a large page is one long task on the page's main
 * thread (its input and paint wait for all of it), so each walk offers a pause every so many
 * nodes: the content script's runner (lib/detect/general.ts runStepsAsync) takes one when enough
 * time has passed; Node and every synchronous caller run the same steps to the end in one go.
 */

/** A point where the walker may give the page a turn. */
export const PAUSE = 'pause';
export type Pause = typeof PAUSE;

/** Steps that only ever pause. */
export type Paused<R> = Generator<Pause, R, unknown>;

/**
 * Nodes a walk visits between offered pauses, less one (a mask: `!(++n & PAUSE_MASK)`). Measured
 * in Chromium on a 2M-character page (26k elements, 87k nodes): the walks cost 0.7 µs (text map)
 * to 4 µs (furniture measure) a node, so 1024 nodes are at most ~4 ms of work, and the content
 * script's tasks there end 20–38 ms long against a 20 ms slice (they were one of 370 ms).
 */
export const PAUSE_MASK = 1023;

/** Runs steps to the end in one go, answering every yield with null. */
export function runToEnd<R>(steps: Generator<unknown, R, null>): R {
  let next = steps.next();
  while (!next.done) next = steps.next(null);
  return next.value;
}
