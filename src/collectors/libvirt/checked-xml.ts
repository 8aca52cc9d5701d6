/**
 * Keeps one unreadable document to one coverage row: `get` checks each XML it fetched with the same
 * mapping `transform` will apply, and drops (with a gap naming the object) what would make it throw.
 */
import type { CollectContext } from '../types.js';
import type { VirshOp } from './call.js';
import type { XmlElement } from './xml.js';
import { parseXml } from './xml.js';

export function checkedXml(ctx: CollectContext, op: VirshOp, xml: string | null, check: (root: XmlElement) => unknown): string | null {
  if (xml === null) return null;
  try {
    check(parseXml(xml));
    return xml;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    ctx.gap(op, 'error', `unreadable ${op.operation} output: ${message}`);
    return null;
  }
}
