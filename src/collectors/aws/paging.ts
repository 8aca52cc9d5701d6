/** Paginated reads through `ctx.call`: one call (and one retry budget) per page. */
import type { CollectContext, OperationRef } from '../types.js';

/**
 * Fetches every page; returns the pages read and whether the listing is complete. A page that
 * fails ends the listing (its gap is already a coverage row): what was read is kept.
 */
export async function allPages<P>(
  ctx: CollectContext,
  op: OperationRef,
  fetch: (token: string | undefined, signal: AbortSignal) => Promise<P>,
  nextToken: (page: P) => string | undefined,
): Promise<{ pages: P[]; complete: boolean }> {
  const pages: P[] = [];
  let token: string | undefined;
  for (;;) {
    const r = await ctx.call(op, (signal) => fetch(token, signal));
    if (!r.ok) return { pages, complete: false };
    pages.push(r.value);
    const next = nextToken(r.value);
    if (next === undefined || next === '' || next === token) return { pages, complete: true };
    token = next;
  }
}
