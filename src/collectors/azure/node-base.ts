/** The fields every Azure node shares, from an ARM object. */
import type { JsonObject, NodeBase } from '../../graph/schema.js';
import type { ArmObject } from './arm.js';
import { regionOf, str, tagsOf } from './arm.js';
import { normId } from './ids.js';

/** Base fields of a node for an ARM object; fails loudly on an object without an id. */
export function baseOf(o: ArmObject, subscriptionId: string, nativeType: string, raw: JsonObject = o): Omit<NodeBase, 'createdAt'> & { createdAt: string | null } {
  const id = str(o['id']);
  if (id === null || id.trim() === '') throw new Error(`an Azure ${nativeType} object has no id (name: ${str(o['name']) ?? '?'})`);
  return {
    id: normId(id),
    provider: 'azure',
    account: subscriptionId,
    region: regionOf(o),
    nativeType,
    name: str(o['name']) ?? id,
    tags: tagsOf(o),
    createdAt: null,
    raw,
  };
}
