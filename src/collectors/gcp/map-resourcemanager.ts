/**
 * Projects → `account` nodes; IAM policies of organizations, folders and projects → one `iam.binding`
 * node per role (and condition) per scope.
 *
 * A project node's id is CAI's name, `//cloudresourcemanager.googleapis.com/projects/NUMBER`; its
 * `account` (and every project resource's) is the project id. Names that carry only the number
 * (project IAM policies, buckets) get the number as `account` here and the id in `link.ts`.
 */
import { createHash } from 'node:crypto';
import type { AccountNode, BindingAttrs, BindingMember, BindingNode } from '../../graph/schema.js';
import type { CaiAsset } from './asset.js';
import { GcpAssetError } from './asset.js';
import { obj, str, labels, time } from './json.js';
import { typeMember } from './members.js';
import { containerOf } from './names.js';

export function projectNode(a: CaiAsset): AccountNode {
  const data = a.resource?.data ?? {};
  const projectId = str(data, 'projectId');
  const container = containerOf(a.name);
  if (projectId === null || container === null) throw new GcpAssetError(`project asset '${a.name}' has no projectId`);
  const number = str(data, 'projectNumber') ?? container.slice('projects/'.length);
  const parent = obj(data, 'parent');
  const parentType = str(parent, 'type');
  const parentId = str(parent, 'id');
  const parentName = parentType !== null && parentId !== null ? `${parentType === 'organization' ? 'organizations' : parentType === 'folder' ? 'folders' : parentType}/${parentId}` : null;
  return {
    id: a.name,
    provider: 'gcp',
    account: projectId,
    region: 'global',
    kind: 'account',
    nativeType: a.assetType,
    name: projectId,
    tags: labels(data),
    createdAt: time(data, 'createTime'),
    attrs: {
      displayName: str(data, 'name'),
      parent: parentName ?? a.ancestors[1] ?? null,
      projectNumber: number,
      lifecycleState: str(data, 'lifecycleState'),
      ancestors: a.ancestors,
    },
  };
}

const SCOPE_TYPES: Record<string, BindingAttrs['scopeType']> = {
  projects: 'project',
  folders: 'folder',
  organizations: 'organization',
};

function conditionKey(expression: string): string {
  return createHash('sha256').update(expression).digest('hex').slice(0, 12);
}

/** The binding nodes of one organization, folder or project IAM policy record. */
export function bindingNodes(a: CaiAsset, orgDomains: readonly string[] | null): BindingNode[] {
  const container = containerOf(a.name);
  if (container === null) throw new GcpAssetError(`IAM policy of '${a.name}' is not on an organization, folder or project`);
  const [kind, num] = container.split('/') as [string, string];
  const scopeType = SCOPE_TYPES[kind];
  if (scopeType === undefined) throw new GcpAssetError(`IAM policy of '${a.name}': unknown container`);
  // Projects: the number now, the project id once link.ts knows it. Organizations and folders: their name.
  const account = scopeType === 'project' ? num : container;
  const byId = new Map<string, BindingNode>();
  for (const b of a.iamPolicy?.bindings ?? []) {
    const id = `${a.name}/iamBindings/${b.role}${b.condition ? `/conditions/${conditionKey(b.condition.expression)}` : ''}`;
    const seen = byId.get(id);
    const members: BindingMember[] = b.members.map((m) => typeMember(m, orgDomains));
    if (seen) {
      const have = new Set(seen.attrs.members.map((m) => m.id));
      seen.attrs.members.push(...members.filter((m) => !have.has(m.id)));
      continue;
    }
    byId.set(id, {
      id,
      provider: 'gcp',
      account,
      region: 'global',
      kind: 'iam.binding',
      nativeType: 'google.iam.v1.Binding',
      name: b.role,
      tags: {},
      attrs: {
        role: b.role,
        scope: a.name,
        scopeType,
        members,
        condition: b.condition,
      },
    });
  }
  for (const n of byId.values()) n.attrs.members.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  return [...byId.values()];
}
