// Serialisation of CLI-JSON documents into AWS wire formats: a tiny escaping XML writer, the
// awsQuery XML dialect (PascalCase elements, `member` list items), the EC2 dialect (lowerCamel
// or renamed elements, `item` list items) and the JSON protocols (epoch-second timestamps).

/** Escapes text and attribute values (every XML special character, and CR/LF/TAB as references). */
export function esc(s: string): string {
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '&': out += '&amp;'; break;
      case '<': out += '&lt;'; break;
      case '>': out += '&gt;'; break;
      case '"': out += '&quot;'; break;
      case "'": out += '&apos;'; break;
      case '\r': out += '&#13;'; break;
      case '\n': out += '&#10;'; break;
      case '\t': out += '&#9;'; break;
      default: {
        const c = ch.codePointAt(0) ?? 0;
        // Characters XML 1.0 cannot carry at all are dropped rather than emitted invalid.
        if (c < 0x20) break;
        out += ch;
      }
    }
  }
  return out;
}

export function leaf(name: string, value: string): string {
  return `<${name}>${esc(value)}</${name}>`;
}

export function elem(name: string, inner: string, attrs = ''): string {
  return inner === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${inner}</${name}>`;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:?\d{2})$/;

export function isTimestamp(v: string): boolean {
  return ISO_TIMESTAMP.test(v);
}

/** Normalises a CLI timestamp (e.g. 2026-11-20T10:00:00+00:00) to AWS's XML form (…Z). */
export function xmlTimestamp(v: string): string {
  return new Date(v).toISOString();
}

function scalar(v: unknown): string {
  if (typeof v === 'string') return isTimestamp(v) ? xmlTimestamp(v) : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Error(`fake AWS: cannot serialise ${typeof v} as XML text`);
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export interface QueryXmlOptions {
  /** Keys whose values are maps (`<entry><key/><value/></entry>`), e.g. IAM SummaryMap. */
  maps?: ReadonlySet<string>;
  /** Transforms a scalar or object value before it is written (IAM policy document encoding). */
  transform?: (key: string, value: unknown) => unknown;
}

/** One member of an awsQuery result: element names are the API's PascalCase member names. */
export function queryXml(key: string, value: unknown, opts: QueryXmlOptions = {}): string {
  const v = opts.transform ? opts.transform(key, value) : value;
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) {
    return elem(key, v.map((item) => queryXml('member', item, opts)).join(''));
  }
  if (isRecord(v)) {
    if (opts.maps?.has(key)) {
      const entries = Object.entries(v).map(
        ([k, mv]) => `<entry>${leaf('key', k)}${queryXml('value', mv, opts)}</entry>`,
      );
      return elem(key, entries.join(''));
    }
    return elem(key, queryMembers(v, opts));
  }
  return leaf(key, scalar(v));
}

export function queryMembers(obj: Record<string, unknown>, opts: QueryXmlOptions = {}): string {
  return Object.entries(obj)
    .map(([k, v]) => queryXml(k, v, opts))
    .join('');
}

// EC2 Query element names. The default is the member name with a lower-case first letter; the
// exceptions below are the `ec2QueryName`s of the EC2 API reference, keyed by the JSON member
// under which the structure sits ("" = the operation's result). Lists use `item` members.
const EC2_NAMES: Record<string, Record<string, string>> = {
  '': {
    Regions: 'regionInfo',
    Reservations: 'reservationSet',
    Volumes: 'volumeSet',
    Snapshots: 'snapshotSet',
    Images: 'imagesSet',
    SecurityGroups: 'securityGroupInfo',
    Addresses: 'addressesSet',
    NatGateways: 'natGatewaySet',
    Vpcs: 'vpcSet',
    Subnets: 'subnetSet',
    LaunchTemplateVersions: 'launchTemplateVersionSet',
    SpotPriceHistory: 'spotPriceHistorySet',
    Groups: 'groupSet',
  },
  Regions: { Endpoint: 'regionEndpoint', Geography: 'geographySet' },
  Reservations: { Groups: 'groupSet', Instances: 'instancesSet' },
  Instances: {
    BlockDeviceMappings: 'blockDeviceMapping',
    NetworkInterfaces: 'networkInterfaceSet',
    SecurityGroups: 'groupSet',
    State: 'instanceState',
    PublicDnsName: 'dnsName',
    StateTransitionReason: 'reason',
    PublicIpAddress: 'ipAddress',
    Licenses: 'licenseSet',
    ElasticGpuAssociations: 'elasticGpuAssociationSet',
    ElasticInferenceAcceleratorAssociations: 'elasticInferenceAcceleratorAssociationSet',
    SecondaryInterfaces: 'secondaryInterfaceSet',
  },
  NetworkInterfaces: {
    Groups: 'groupSet',
    Ipv6Addresses: 'ipv6AddressesSet',
    PrivateIpAddresses: 'privateIpAddressesSet',
    Ipv4Prefixes: 'ipv4PrefixSet',
    Ipv6Prefixes: 'ipv6PrefixSet',
  },
  ProductCodes: { ProductCodeId: 'productCode', ProductCodeType: 'type' },
  Monitoring: { MetricCategoryIds: 'metricCategoryIdSet' },
  Volumes: { State: 'status', Attachments: 'attachmentSet' },
  Attachments: { State: 'status' },
  Snapshots: { State: 'status', StateMessage: 'statusMessage' },
  Images: {
    BlockDeviceMappings: 'blockDeviceMapping',
    State: 'imageState',
    OwnerId: 'imageOwnerId',
    Public: 'isPublic',
    ImageWatermarks: 'imageWatermarkSet',
  },
  SecurityGroups: { Description: 'groupDescription' },
  IpPermissions: { UserIdGroupPairs: 'groups' },
  IpPermissionsEgress: { UserIdGroupPairs: 'groups' },
  NatGateways: { NatGatewayAddresses: 'natGatewayAddressSet', AttachedAppliances: 'attachedApplianceSet' },
  LaunchTemplateData: {
    BlockDeviceMappings: 'blockDeviceMappingSet',
    NetworkInterfaces: 'networkInterfaceSet',
    TagSpecifications: 'tagSpecificationSet',
    SecurityGroupIds: 'securityGroupIdSet',
    SecurityGroups: 'securityGroupSet',
    LicenseSpecifications: 'licenseSet',
    ElasticGpuSpecifications: 'elasticGpuSpecificationSet',
    ElasticInferenceAccelerators: 'elasticInferenceAcceleratorSet',
  },
};
const EC2_EVERYWHERE: Record<string, string> = { Tags: 'tagSet' };

export function ec2Name(parent: string, key: string): string {
  return EC2_NAMES[parent]?.[key] ?? EC2_EVERYWHERE[key] ?? key.charAt(0).toLowerCase() + key.slice(1);
}

function ec2Value(parent: string, key: string, value: unknown): string {
  if (value === undefined || value === null) return '';
  const name = ec2Name(parent, key);
  if (Array.isArray(value)) {
    return elem(name, value.map((item) => ec2Item(key, item)).join(''));
  }
  if (isRecord(value)) return elem(name, ec2Members(key, value));
  return leaf(name, scalar(value));
}

function ec2Item(listKey: string, item: unknown): string {
  if (isRecord(item)) return elem('item', ec2Members(listKey, item));
  return leaf('item', scalar(item));
}

/** The members of an EC2 structure found under JSON key `parent` ("" for the result itself). */
export function ec2Members(parent: string, obj: Record<string, unknown>): string {
  return Object.entries(obj)
    .map(([k, v]) => ec2Value(parent, k, v))
    .join('');
}

/**
 * The timestamp-typed members of the JSON-protocol outputs the fake serves (Organizations
 * ListAccounts, CloudWatch GetMetricData). Other ISO-looking strings stay strings.
 */
const JSON_TIMESTAMP_KEYS = new Set(['JoinedTimestamp', 'Timestamps', 'Timestamp']);

/** JSON protocols carry timestamps as epoch seconds: convert the CLI's ISO strings. */
export function jsonWire(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return JSON_TIMESTAMP_KEYS.has(key) && isTimestamp(value) ? Date.parse(value) / 1000 : value;
  if (Array.isArray(value)) return value.map((v) => jsonWire(v, key));
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = jsonWire(v, k);
    return out;
  }
  return value;
}

/** IAM returns policy documents as URL-encoded JSON text (RFC 3986 encoding). */
export function encodeIamPolicy(doc: unknown): string {
  const text = typeof doc === 'string' ? doc : JSON.stringify(doc);
  if (/^%7B/i.test(text)) return text; // already in wire form
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
