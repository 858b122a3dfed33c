/**
 * The wire's building blocks, shared by both directions of the protocol (lib/messages): size-capped
 * fields, the sender checks and the one way a request is parsed. Apart so the content script,
 * which serves only its own few requests (./content.ts), carries none of the background's schemas.
 */
import * as z from 'zod/mini';
import type { Parsed } from './trust';

export const str = (max: number) => z.string().check(z.maxLength(max));
export const count = (max: number) => z.number().check(z.int(), z.minimum(0), z.maximum(max));
export const list = <T extends z.core.SomeType>(item: T, max: number) => z.array(item).check(z.maxLength(max));
export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
export const url = str(4000).check(z.refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'));


export * from './trust';

/** Parse a request, turning a schema failure into a short readable error. */
export function parseRequest<S extends z.ZodMiniType>(schema: S, raw: unknown): Parsed<z.infer<S>> {
  const r = schema.safeParse(raw);
  if (r.success) return { ok: true, data: r.data };
  const first = r.error.issues[0];
  return { ok: false, error: `invalid message: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'unknown'}` };
}
