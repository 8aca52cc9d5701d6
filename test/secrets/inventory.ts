/**
 * A small AWS IAM inventory built through the AWS collector's own mapping and linking (mapIam,
 * linkAws), so the correlation is tested against the representation the collector really writes.
 */
import { linkAws } from '../../src/collectors/aws/link.js';
import { mapIam, type IamRaw } from '../../src/collectors/aws/map-iam.js';
import type { Snapshot } from '../../src/graph/schema.js';
import { fakeAwsKeyId } from './fake-keys.js';

export const ACCOUNT = '111122223333';
const arn = (kind: string, name: string): string => `arn:aws:iam::${ACCOUNT}:${kind}/${name}`;
const doc = (statements: object[]): string => encodeURIComponent(JSON.stringify({ Version: '2012-10-17', Statement: statements }));

/** Users and their key ids: admin (AdministratorAccess), escalate (iam:PutUserPolicy inline), groupadmin (admin through a group), plain, dormant (inactive key). */
export const KEYS = {
  admin: fakeAwsKeyId('inv-admin'),
  escalate: fakeAwsKeyId('inv-escalate'),
  groupadmin: fakeAwsKeyId('inv-groupadmin'),
  plain: fakeAwsKeyId('inv-plain'),
  dormant: fakeAwsKeyId('inv-dormant'),
  conditional: fakeAwsKeyId('inv-conditional'),
};
export type UserName = keyof typeof KEYS;

export function inventorySnapshot(): Snapshot {
  const user = (name: UserName, extra: object = {}): object => ({ UserName: name, Arn: arn('user', name), UserId: `AIDA${name.toUpperCase()}`, Path: '/', CreateDate: '2025-01-01T00:00:00Z', ...extra });
  const raw: IamRaw = {
    account: ACCOUNT,
    collectedAt: '2026-11-20T00:00:00Z',
    details: {
      UserDetailList: [
        user('admin', { AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] }),
        user('escalate', { UserPolicyList: [{ PolicyName: 'self-service', PolicyDocument: doc([{ Effect: 'Allow', Action: ['iam:PutUserPolicy', 's3:GetObject'], Resource: '*' }]) }] }),
        user('groupadmin', { GroupList: ['ops'] }),
        user('plain', { UserPolicyList: [{ PolicyName: 'read', PolicyDocument: doc([{ Effect: 'Allow', Action: 's3:Get*', Resource: '*' }]) }] }),
        user('dormant', { AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] }),
        user('conditional', { UserPolicyList: [{ PolicyName: 'mfa-admin', PolicyDocument: doc([{ Effect: 'Allow', Action: '*', Resource: '*', Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } } }]) }] }),
      ],
      GroupDetailList: [{ GroupName: 'ops', Arn: arn('group', 'ops'), GroupId: 'AGPAOPS', Path: '/', CreateDate: '2025-01-01T00:00:00Z', AttachedManagedPolicies: [{ PolicyName: 'ops-admin', PolicyArn: arn('policy', 'ops-admin') }] }],
      RoleDetailList: [],
      Policies: [
        { PolicyName: 'AdministratorAccess', Arn: 'arn:aws:iam::aws:policy/AdministratorAccess', DefaultVersionId: 'v1', AttachmentCount: 2, PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }] },
        { PolicyName: 'ops-admin', Arn: arn('policy', 'ops-admin'), DefaultVersionId: 'v2', AttachmentCount: 1, PolicyVersionList: [{ VersionId: 'v2', IsDefaultVersion: true, Document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]) }] },
      ],
    } as IamRaw['details'],
    accessKeys: Object.fromEntries(
      (Object.keys(KEYS) as UserName[]).map((name) => [name, [{ UserName: name, AccessKeyId: KEYS[name], Status: name === 'dormant' ? 'Inactive' : 'Active', CreateDate: '2025-06-01T00:00:00Z' }]]),
    ) as IamRaw['accessKeys'],
    lastUsed: { [KEYS.admin]: { UserName: 'admin', AccessKeyLastUsed: { LastUsedDate: '2026-11-19T08:00:00Z', ServiceName: 's3', Region: 'eu-west-1' } } } as IamRaw['lastUsed'],
    credentialReport: null,
    summary: null,
    passwordPolicy: null,
  };
  const mapped = mapIam(raw);
  const linked = linkAws({ nodes: mapped, edges: [] });
  const replaced = new Set(linked.nodes.map((n) => n.id));
  const nodes = [...mapped.filter((n) => !replaced.has(n.id)), ...linked.nodes];
  const edges = linked.edges;
  return {
    schemaVersion: '1.0',
    tool: { name: 'cloudwarden', version: '0.0.0-test' },
    startedAt: '2026-11-20T00:00:00Z',
    finishedAt: '2026-11-20T00:01:00Z',
    scope: { providers: ['aws'], accounts: [ACCOUNT], regions: [] },
    nodes,
    edges,
    costs: [],
    coverage: [],
  };
}
