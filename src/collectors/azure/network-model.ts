/**
 * Network security groups → `network.firewall` (custom and default rules, normalized) and public IP
 * addresses → `network.public_ip`.
 */
import type { FirewallNode, FirewallRule, PublicIpNode } from '../../graph/schema.js';
import type { ArmObject } from './arm.js';
import { num, obj, objs, props, refId, str, strs } from './arm.js';
import { normRef, parentOf } from './ids.js';
import { baseOf } from './node-base.js';

export const NSG_TYPE = 'Microsoft.Network/networkSecurityGroups';
export const PUBLIC_IP_TYPE = 'Microsoft.Network/publicIPAddresses';

/** `*` → all ports (empty list); `22` → [22, 22]; `1000-2000` → [1000, 2000]. Unparseable entries are dropped. */
export function portRanges(single: unknown, many: unknown): [number, number][] {
  const specs = [...(typeof single === 'string' ? [single] : []), ...strs(many)].map((s) => s.trim()).filter((s) => s !== '');
  if (specs.includes('*')) return [];
  const out: [number, number][] = [];
  for (const spec of specs) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(spec);
    if (m?.[1]) out.push([Number(m[1]), Number(m[2] ?? m[1])]);
  }
  return out;
}

const PROTOCOLS: Record<string, string> = { '*': 'all', tcp: 'tcp', udp: 'udp', icmp: 'icmp', esp: 'esp', ah: 'ah' };

/**
 * One NSG rule. Ingress rules list the source prefixes (`*`, `Internet`, `0.0.0.0/0`, CIDRs, service
 * tags, application security group ids) as `sources`; egress rules list the destinations there.
 * `description` is the rule's description, else its name.
 */
export function firewallRule(rule: ArmObject): FirewallRule {
  const p = props(rule);
  const ingress = (str(p['direction']) ?? '').toLowerCase() !== 'outbound';
  const side = ingress ? 'source' : 'destination';
  const prefixes = [
    ...(str(p[`${side}AddressPrefix`]) ? [str(p[`${side}AddressPrefix`]) as string] : []),
    ...strs(p[`${side}AddressPrefixes`]),
    ...objs(p[`${side}ApplicationSecurityGroups`]).flatMap((g) => (normRef(g['id']) ? [normRef(g['id']) as string] : [])),
  ];
  const protocol = (str(p['protocol']) ?? '*').toLowerCase();
  return {
    direction: ingress ? 'ingress' : 'egress',
    action: (str(p['access']) ?? '').toLowerCase() === 'deny' ? 'deny' : 'allow',
    protocol: PROTOCOLS[protocol] ?? protocol,
    ports: portRanges(p['destinationPortRange'], p['destinationPortRanges']),
    sources: [...new Set(prefixes)],
    priority: num(p['priority']),
    description: str(p['description']) ?? str(rule['name']),
  };
}

export function nsgNode(nsg: ArmObject, subscriptionId: string): FirewallNode {
  const p = props(nsg);
  const custom = objs(p['securityRules']);
  const defaults = objs(p['defaultSecurityRules']);
  const byPriority = (a: FirewallRule, b: FirewallRule) =>
    a.direction.localeCompare(b.direction) || (a.priority ?? 0) - (b.priority ?? 0);
  return {
    ...baseOf(nsg, subscriptionId, NSG_TYPE),
    kind: 'network.firewall',
    attrs: {
      rules: [...custom.map(firewallRule), ...defaults.map(firewallRule)].sort(byPriority),
      isDefault: null,
      customRuleCount: custom.length,
      networkInterfaceIds: objs(p['networkInterfaces']).flatMap((n) => (normRef(n['id']) ? [normRef(n['id']) as string] : [])),
      subnetIds: objs(p['subnets']).flatMap((n) => (normRef(n['id']) ? [normRef(n['id']) as string] : [])),
    },
  };
}

/**
 * A public IP address. Used by whatever holds it: the NIC of its `ipConfiguration` (replaced by the
 * NIC's VM in link.ts when that VM is known), a load balancer frontend, or a NAT gateway; no
 * `ipConfiguration` and no NAT gateway means unused.
 */
export function publicIpNode(pip: ArmObject, subscriptionId: string): PublicIpNode {
  const p = props(pip);
  const configId = normRef(refId(p['ipConfiguration']));
  const natGateway = normRef(refId(p['natGateway']));
  const holder = configId !== null ? parentOf(configId, configId.includes('/loadbalancers/') ? 'frontendIPConfigurations' : 'ipConfigurations') : natGateway;
  return {
    ...baseOf(pip, subscriptionId, PUBLIC_IP_TYPE),
    kind: 'network.public_ip',
    attrs: {
      address: str(p['ipAddress']),
      associatedWith: holder,
      ipConfigurationId: configId,
      allocationMethod: str(p['publicIPAllocationMethod']),
      sku: str(obj(pip['sku'])['name']),
      ipVersion: str(p['publicIPAddressVersion']),
    },
  };
}
