/**
 * The normalized resource graph: one schema for every provider.
 *
 * This file is the single source of truth. `schemas/snapshot.schema.json` is generated from these
 * types (`npm run gen:schema`) and a test fails when the two drift apart. Snapshots are validated
 * against the generated schema when read, so every field documented here is enforced.
 *
 * Conventions
 * - Ids are the provider's own global ids (AWS ARN, GCP full resource name, Azure resource id,
 *   `libvirt://HOST/KIND/UUID`). A node without an id is a collector bug.
 * - Times are RFC 3339 strings in UTC. Sizes are GiB (`sizeGiB`) or MiB (`memoryMiB`) as named.
 * - A fact a collector could not read is `null` ("unknown"), never a guessed default: policies must be
 *   able to tell "no password" from "could not see whether there is a password".
 * - Provider-specific facts may sit beside the typed ones in `attrs` (the index signature), and the
 *   provider's response subset in `raw`.
 */

/** Version of the snapshot document. Bump the minor for additive changes, the major for breaking ones. */
export const SNAPSHOT_SCHEMA_VERSION = '1.0';

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
/** A JSON object. */
export interface JsonObject {
  [key: string]: JsonValue;
}

export const PROVIDERS = ['aws', 'gcp', 'azure', 'libvirt'] as const;
/** A cloud or local IaaS provider. */
export type Provider = (typeof PROVIDERS)[number];

export const NODE_KINDS = [
  'account',
  'compute.disk',
  'compute.image',
  'compute.instance',
  'compute.launch_template',
  'compute.snapshot',
  'iam.access_key',
  'iam.binding',
  'iam.group',
  'iam.policy',
  'iam.role',
  'iam.service_account',
  'iam.user',
  'network.firewall',
  'network.load_balancer',
  'network.nat_gateway',
  'network.public_ip',
  'network.subnet',
  'network.virtual_network',
  'network.vpc',
  'storage.bucket',
  'storage.pool',
] as const;
/** The normalized kind of a resource. */
export type NodeKind = (typeof NODE_KINDS)[number];

export const EDGE_KINDS = [
  'attached_policy',
  'attached_to',
  'can_assume',
  'contains',
  'has_key',
  'in_network',
  'member_of',
  'protected_by',
  'routes_to',
  'runs_as',
  'snapshot_of',
  'stored_in',
] as const;
/** The kind of a relation between two resources. */
export type EdgeKind = (typeof EDGE_KINDS)[number];

/** Attribute values: typed facts first, provider-specific extras beside them. */
export interface ExtraAttrs {
  [key: string]: JsonValue | undefined;
}

// ---------------------------------------------------------------------------------------------
// Attributes per kind
// ---------------------------------------------------------------------------------------------

/** An AWS account, GCP project, Azure subscription or libvirt host. */
export interface AccountAttrs extends ExtraAttrs {
  /** Display name where the provider has one (account alias, project name, subscription name). */
  displayName?: string | null;
  /** Parent organization, folder or management group id, when known. */
  parent?: string | null;
  /** AWS root user: MFA active (credential report / account summary); null when unknown. */
  rootMfaActive?: boolean | null;
  /** AWS root user: whether it has active access keys; null when unknown. */
  rootAccessKeysActive?: boolean | null;
  /**
   * AWS root user: last console sign-in, when the credential report says.
   * @format date-time
   */
  rootPasswordLastUsed?: string | null;
  /** Account password policy as the provider states it; null when there is none, undefined when not collected. */
  passwordPolicy?: JsonObject | null;
}

export type InstanceState =
  | 'pending'
  | 'running'
  | 'paused'
  | 'suspended'
  | 'stopping'
  | 'stopped'
  | 'terminated'
  | 'crashed'
  | 'unknown';

export type InstanceLifecycle = 'on-demand' | 'spot' | 'preemptible';

/** A remote console endpoint (libvirt VNC/SPICE, serial console proxies). */
export type RemoteConsole = {
  protocol: 'vnc' | 'spice' | 'rdp' | 'serial';
  /** Address it listens on, e.g. `0.0.0.0`, `127.0.0.1`; null when it does not listen on a network address. */
  listen: string | null;
  /** TCP port, or null when assigned automatically at start and the domain is not running. */
  port: number | null;
  autoport: boolean;
  /** Whether a password is required; null when the collector was not allowed to see it. */
  passwordSet: boolean | null;
};

/** A network interface of an instance. */
export type InstanceInterface = {
  /** MAC address where known. */
  mac: string | null;
  /** Id of the network/subnet node it is attached to, when collected. */
  networkId: string | null;
  /** Provider-level description of the attachment, e.g. `network:default`, `bridge:br0`. */
  source: string;
  privateIps: string[];
  publicIps: string[];
};

/** A virtual machine. */
/** A secret found in text the scanner read (user data, templates); only the masked value is ever kept. */
export type SecretFinding = {
  /** Detector id, e.g. `aws-access-key-id`, `aws-secret-access-key`, `private-key`. */
  detector: string;
  /** First 4 and last 4 characters with an ellipsis between, e.g. `AKIA…MPLE`. */
  masked: string;
  /** Where it was found, e.g. `userData`, `launchTemplate:lt-0abc:v2:userData`. */
  location: string;
  /** 1-based line in that text. */
  line: number | null;
};

/** Instance metadata service settings (AWS IMDS; GCP/Azure metadata where comparable). */
export type InstanceMetadataOptions = {
  /** Whether the metadata endpoint is enabled. */
  endpointEnabled: boolean | null;
  /** Whether session-less (IMDSv1) requests are accepted: `HttpTokens: optional`. */
  v1Allowed: boolean | null;
  hopLimit: number | null;
};

/** Summary of a utilization metric over a window. */
export type MetricSummary = {
  p95: number | null;
  max: number | null;
  avg: number | null;
  /** Number of datapoints the summary is computed from. */
  samples: number;
};

/** Utilization of an instance over the last `windowDays`, from the provider's monitoring API. */
export type InstanceUtilization = {
  windowDays: number;
  /** Datapoint period in seconds. */
  periodSeconds: number;
  /** CPU utilization, percent. */
  cpu: MetricSummary | null;
  /** Bytes sent out per period. */
  networkOutBytes?: MetricSummary | null;
};

export interface InstanceAttrs extends ExtraAttrs {
  state: InstanceState;
  /**
   * When the instance entered its current state, if the provider says.
   * @format date-time
   */
  stateSince: string | null;
  instanceType: string | null;
  vcpus: number | null;
  memoryMiB: number | null;
  lifecycle: InstanceLifecycle | null;
  /** Started with the host (libvirt autostart) or by a scaling group; null when not applicable. */
  autostart?: boolean | null;
  /** Member of an Auto Scaling group / managed instance group / scale set: can be replaced at will. */
  replaceable?: boolean | null;
  publicIps: string[];
  privateIps: string[];
  interfaces?: InstanceInterface[];
  remoteConsoles?: RemoteConsole[];
  /** Ids of the disks attached, in device order. */
  diskIds?: string[];
  /** Metadata service settings; null when unknown. */
  metadataOptions?: InstanceMetadataOptions | null;
  /** Secrets found in the instance's user data (masked); null when the user data could not be read. */
  userDataSecrets?: SecretFinding[] | null;
  /** CPU/network utilization summary; null when no metrics were read. */
  utilization?: InstanceUtilization | null;
}

/** A launch template (AWS) / instance template (GCP): what new instances will be made from. */
export interface LaunchTemplateAttrs extends ExtraAttrs {
  defaultVersion: number | null;
  latestVersion: number | null;
  /** Secrets found in the user data of any version (masked), each with its version in `location`. */
  userDataSecrets: SecretFinding[] | null;
  /** Whether the default version allows IMDSv1; null when it does not say. */
  imdsV1Allowed?: boolean | null;
}

/** A block storage volume. */
export interface DiskAttrs extends ExtraAttrs {
  sizeGiB: number | null;
  /** Provider's volume type (gp3, pd-balanced, Premium_LRS) or, for libvirt, the image format. */
  diskType: string | null;
  /** Instance ids this disk is attached to; empty means unattached. */
  attachedTo: string[];
  encrypted: boolean | null;
  iops?: number | null;
  throughputMiBps?: number | null;
  /** Bytes actually allocated on the backing store, in GiB, where it differs from the size. */
  allocationGiB?: number | null;
  /** Host path of the volume (libvirt). */
  path?: string | null;
}

/** A point-in-time copy of a disk. */
export interface SnapshotAttrs extends ExtraAttrs {
  sizeGiB: number | null;
  /** Id of the disk this was taken from, even when that disk no longer exists. */
  sourceDiskId: string | null;
  encrypted: boolean | null;
}

/** A machine image owned by the account. */
export interface ImageAttrs extends ExtraAttrs {
  public: boolean | null;
  sizeGiB?: number | null;
}

/** A storage pool (libvirt) that holds volumes. */
export interface StoragePoolAttrs extends ExtraAttrs {
  poolType: string;
  active: boolean | null;
  autostart: boolean | null;
  capacityGiB: number | null;
  allocationGiB: number | null;
  availableGiB: number | null;
  path: string | null;
}

/** A grant in a bucket ACL, normalized. */
export type AclGrant = {
  /** `AllUsers`, `AuthenticatedUsers`, `LogDelivery`, `CanonicalUser:<id>`, `Email:<addr>`, `Group:<uri>`. */
  grantee: string;
  permission: string;
};

/** The normalized statement shape every IAM document is mapped to. */
export type PolicyStatement = {
  sid?: string | null;
  effect: 'Allow' | 'Deny';
  actions: string[];
  notActions: string[];
  resources: string[];
  notResources: string[];
  /** Principals as `TYPE:VALUE`, e.g. `AWS:*`, `AWS:arn:aws:iam::123456789012:root`, `Service:ec2.amazonaws.com`, `*`. */
  principals: string[];
  notPrincipals: string[];
  /** Condition block as written: operator → key → values (values always arrays). */
  conditions: Record<string, Record<string, string[]>>;
};

/** Public-access block settings, effective = bucket AND account level. */
export type PublicAccessBlock = {
  blockPublicAcls: boolean | null;
  ignorePublicAcls: boolean | null;
  blockPublicPolicy: boolean | null;
  restrictPublicBuckets: boolean | null;
};

/** An object storage bucket or blob container. */
export interface BucketAttrs extends ExtraAttrs {
  /** ACL grants (AWS), or null where ACLs were not readable. */
  aclGrants: AclGrant[] | null;
  /** Resource policy statements, [] when the bucket has none, null when not readable. */
  policyStatements: PolicyStatement[] | null;
  /** Public-access block at bucket level and at account level, and their effective merge. */
  publicAccessBlock: {
    bucket: PublicAccessBlock | null;
    account: PublicAccessBlock | null;
  } | null;
  /** Members bound to roles on the bucket (GCP: `allUsers`, `allAuthenticatedUsers`, …). */
  iamMembers?: { role: string; members: string[] }[] | null;
  /** Provider-level public access switch (Azure `allowBlobPublicAccess`, GCP public access prevention inverted). */
  publicAccessAllowed?: boolean | null;
  /** Anonymous access level of the container where the provider has one (Azure `blob`/`container`/`none`). */
  anonymousAccessLevel?: string | null;
  encryption: string | null;
  versioning: boolean | null;
  logging: boolean | null;
}

/** A firewall rule, normalized. */
export type FirewallRule = {
  direction: 'ingress' | 'egress';
  action: 'allow' | 'deny';
  /** `tcp`, `udp`, `icmp`, `all`, or a protocol number as string. */
  protocol: string;
  /** Port ranges `[from, to]`, inclusive; empty means all ports. */
  ports: [number, number][];
  /** CIDRs, service tags (`Internet`, `*`) or group ids the rule admits (ingress) or targets (egress). */
  sources: string[];
  priority?: number | null;
  description?: string | null;
};

/** A security group, GCP firewall rule or Azure NSG. */
export interface FirewallAttrs extends ExtraAttrs {
  rules: FirewallRule[];
  /** The provider's default group for its network. */
  isDefault?: boolean | null;
}

/** A public (internet-routable) IP address. */
export interface PublicIpAttrs extends ExtraAttrs {
  address: string | null;
  /** Id of the instance, interface or load balancer using it; null when unused. */
  associatedWith: string | null;
}

/** A VPC / VNet. */
export interface VpcAttrs extends ExtraAttrs {
  cidrBlocks: string[];
  isDefault?: boolean | null;
}

/** A subnet. */
export interface SubnetAttrs extends ExtraAttrs {
  cidrBlocks: string[];
  vpcId: string | null;
}

/** A libvirt virtual network. */
export interface VirtualNetworkAttrs extends ExtraAttrs {
  /** `nat`, `route`, `bridge`, `open`, `isolated` (no forward element), … */
  forwardMode: string;
  bridge: string | null;
  active: boolean | null;
  autostart: boolean | null;
  /** IPv4/IPv6 networks with their DHCP ranges. */
  ips: { address: string; prefix: number | null; family: 'ipv4' | 'ipv6'; dhcpRanges: { start: string; end: string }[] }[];
}

export interface LoadBalancerAttrs extends ExtraAttrs {
  scheme: 'internet-facing' | 'internal' | null;
  healthyTargets: number | null;
}

export interface NatGatewayAttrs extends ExtraAttrs {
  state: string | null;
}

export interface IamPrincipalAttrs extends ExtraAttrs {
  /** Normalized statements of inline policies. */
  inlineStatements?: PolicyStatement[];
}

/** A user: console and MFA facts where the provider reports them (AWS credential report). */
export interface IamUserAttrs extends IamPrincipalAttrs {
  /** Has a console password. */
  passwordEnabled?: boolean | null;
  /** @format date-time */
  passwordLastUsed?: string | null;
  mfaActive?: boolean | null;
}

export interface IamPolicyAttrs extends ExtraAttrs {
  statements: PolicyStatement[];
  managedBy?: 'provider' | 'customer' | null;
}

/** One member of a role binding, normalized across GCP and Azure. */
export type BindingMember = {
  /** As the provider writes it: `user:alice@example.com`, `serviceAccount:…`, `group:…`, `domain:example.com`, `allUsers`, `allAuthenticatedUsers`; Azure `User:<objectId>`, `ServicePrincipal:<objectId>`, `Group:<objectId>`. */
  id: string;
  type: 'user' | 'group' | 'service_account' | 'service_principal' | 'domain' | 'all_users' | 'all_authenticated_users' | 'other';
  /** Outside the organization's own domains / a guest user in the tenant; null when unknown. */
  external: boolean | null;
  /** Node id of the principal when it is a collected resource (a service account), else null. */
  principalId: string | null;
};

/** A role granted to members at a scope: GCP IAM policy bindings, Azure role assignments. */
export interface BindingAttrs extends ExtraAttrs {
  /** Role name as the provider writes it: `roles/owner`, `roles/storage.objectViewer`, Azure `Owner`. */
  role: string;
  /** Provider id of the role where it differs from the name (Azure role definition id). */
  roleId?: string | null;
  /** Permissions the role grants, where known (custom roles, Azure role definitions). */
  permissions?: string[] | null;
  /** Id of the resource the binding applies to (organization, folder, project, bucket, subscription, resource group, resource). */
  scope: string;
  scopeType: 'organization' | 'folder' | 'project' | 'management_group' | 'subscription' | 'resource_group' | 'resource';
  members: BindingMember[];
  /** IAM condition, when the binding is conditional. */
  condition?: { title: string | null; expression: string } | null;
}

export interface AccessKeyAttrs extends ExtraAttrs {
  /** Masked key id, e.g. `AKIA…WXYZ`; the full id is the node id only where the provider uses it as one. */
  keyIdMasked: string;
  active: boolean;
  /** @format date-time */
  lastUsedAt: string | null;
  /** Whole days from creation to the snapshot's collection time; null when the creation time is unknown. */
  ageDays?: number | null;
  /** Service the key was last used with, when known. */
  lastUsedService?: string | null;
}

export type OpenAttrs = ExtraAttrs;

// ---------------------------------------------------------------------------------------------
// Nodes
// ---------------------------------------------------------------------------------------------

/** Fields every node has. */
export interface NodeBase {
  /** Globally unique and stable: the provider's own id. */
  id: string;
  provider: Provider;
  /** AWS account id, GCP project, Azure subscription id, libvirt host name. */
  account: string;
  /** Region or zone, or `global`. */
  region: string;
  /** The provider's own type name, e.g. `AWS::S3::Bucket`, `storage.googleapis.com/Bucket`, `libvirt:domain`. */
  nativeType: string;
  name: string;
  tags: Record<string, string>;
  /**
   * RFC 3339 creation time where the provider says.
   * @format date-time
   */
  createdAt?: string | null;
  /** The subset of the provider's response kept for custom policies. */
  raw?: JsonObject;
}

export interface AccountNode extends NodeBase { kind: 'account'; attrs: AccountAttrs }
export interface DiskNode extends NodeBase { kind: 'compute.disk'; attrs: DiskAttrs }
export interface ImageNode extends NodeBase { kind: 'compute.image'; attrs: ImageAttrs }
export interface InstanceNode extends NodeBase { kind: 'compute.instance'; attrs: InstanceAttrs }
export interface LaunchTemplateNode extends NodeBase { kind: 'compute.launch_template'; attrs: LaunchTemplateAttrs }
export interface SnapshotNode extends NodeBase { kind: 'compute.snapshot'; attrs: SnapshotAttrs }
export interface AccessKeyNode extends NodeBase { kind: 'iam.access_key'; attrs: AccessKeyAttrs }
export interface BindingNode extends NodeBase { kind: 'iam.binding'; attrs: BindingAttrs }
export interface GroupNode extends NodeBase { kind: 'iam.group'; attrs: IamPrincipalAttrs }
export interface PolicyNode extends NodeBase { kind: 'iam.policy'; attrs: IamPolicyAttrs }
export interface RoleNode extends NodeBase { kind: 'iam.role'; attrs: IamPrincipalAttrs }
export interface ServiceAccountNode extends NodeBase { kind: 'iam.service_account'; attrs: IamPrincipalAttrs }
export interface UserNode extends NodeBase { kind: 'iam.user'; attrs: IamUserAttrs }
export interface FirewallNode extends NodeBase { kind: 'network.firewall'; attrs: FirewallAttrs }
export interface LoadBalancerNode extends NodeBase { kind: 'network.load_balancer'; attrs: LoadBalancerAttrs }
export interface NatGatewayNode extends NodeBase { kind: 'network.nat_gateway'; attrs: NatGatewayAttrs }
export interface PublicIpNode extends NodeBase { kind: 'network.public_ip'; attrs: PublicIpAttrs }
export interface SubnetNode extends NodeBase { kind: 'network.subnet'; attrs: SubnetAttrs }
export interface VirtualNetworkNode extends NodeBase { kind: 'network.virtual_network'; attrs: VirtualNetworkAttrs }
export interface VpcNode extends NodeBase { kind: 'network.vpc'; attrs: VpcAttrs }
export interface BucketNode extends NodeBase { kind: 'storage.bucket'; attrs: BucketAttrs }
export interface StoragePoolNode extends NodeBase { kind: 'storage.pool'; attrs: StoragePoolAttrs }

/**
 * A resource. Discriminated by `kind`.
 * @discriminator kind
 */
export type GraphNode =
  | AccountNode
  | DiskNode
  | ImageNode
  | InstanceNode
  | LaunchTemplateNode
  | SnapshotNode
  | AccessKeyNode
  | BindingNode
  | GroupNode
  | PolicyNode
  | RoleNode
  | ServiceAccountNode
  | UserNode
  | FirewallNode
  | LoadBalancerNode
  | NatGatewayNode
  | PublicIpNode
  | SubnetNode
  | VirtualNetworkNode
  | VpcNode
  | BucketNode
  | StoragePoolNode;

/** The node type for one kind. */
export type NodeOfKind<K extends NodeKind> = Extract<GraphNode, { kind: K }>;

// ---------------------------------------------------------------------------------------------
// Edges, costs, coverage, snapshot
// ---------------------------------------------------------------------------------------------

/** A typed relation between two nodes. Both ends must exist in the snapshot. */
export interface GraphEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  attrs?: JsonObject;
}

/** Actual usage or spend reported by a provider's billing API or export. */
export interface CostRecord {
  provider: Provider;
  account: string;
  /** Inclusive start and exclusive end dates, `YYYY-MM-DD`. */
  period: { start: string; end: string };
  service: string;
  usageType: string | null;
  region: string | null;
  amount: number;
  /** Currency for cost rows (`USD`), unit for usage rows (`GB`, `Hrs`). */
  unit: string;
  metric: 'cost' | 'usage';
  /** Where the figure came from, e.g. `aws-cost-explorer:UnblendedCost`. */
  source: string;
}

export const COVERAGE_STATUSES = ['ok', 'denied', 'error', 'skipped'] as const;
export type CoverageStatus = (typeof COVERAGE_STATUSES)[number];

/** What a collector could or could not read. Reports show every non-ok row. */
export interface CoverageRow {
  provider: Provider;
  account: string;
  region: string;
  service: string;
  operation: string;
  status: CoverageStatus;
  /** The resource the call was about, when a gap concerns one resource only. */
  resource?: string | null;
  /** Number of calls this row stands for. */
  calls: number;
  message?: string | null;
}

/** The scope a snapshot covers. */
export interface SnapshotScope {
  providers: Provider[];
  /** Accounts, projects, subscriptions or libvirt hosts collected. */
  accounts: string[];
  /** Regions collected, or [] when not region-scoped. */
  regions: string[];
  /**
   * Present when this snapshot is one shard of a larger scan: `index` counts from 1; `targets` lists
   * the targets assigned to this shard (`provider:account`), reachable or not.
   */
  shard?: { index: number; count: number; targets?: string[] } | null;
}

/** The producing tool. */
export interface ToolInfo {
  name: string;
  version: string;
}

/** A full snapshot document. */
export interface Snapshot {
  schemaVersion: string;
  tool: ToolInfo;
  /** @format date-time */
  startedAt: string;
  /** @format date-time */
  finishedAt: string;
  scope: SnapshotScope;
  nodes: GraphNode[];
  edges: GraphEdge[];
  costs: CostRecord[];
  coverage: CoverageRow[];
}

/** Everything in a snapshot except its four large arrays (the streamed parts). */
export type SnapshotHeader = Omit<Snapshot, 'nodes' | 'edges' | 'costs' | 'coverage'>;
