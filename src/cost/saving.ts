/** Builds `Saving`s in the one shape every rule emits. Money is rounded to cents here, for output only. */
import type { GraphNode, JsonObject, Provider } from '../graph/schema.js';
import { fingerprintOf } from '../policy/fingerprint.js';
import type { Confidence, Saving } from '../results/schema.js';
import { CURRENCY } from './pricing/index.js';
import type { Priced } from './price.js';
import { confidenceOf } from './price.js';
import type { CommonCostSettings } from './types.js';

export const cents = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

const SERVICES: Record<Provider, Partial<Record<string, string>>> = {
  aws: { 'compute.instance': 'Amazon EC2', 'compute.disk': 'Amazon EBS', 'compute.snapshot': 'Amazon EBS', 'network.public_ip': 'Amazon VPC', 'network.nat_gateway': 'Amazon VPC', 'network.load_balancer': 'Elastic Load Balancing', 'storage.bucket': 'Amazon S3' },
  gcp: { 'compute.instance': 'Compute Engine', 'compute.disk': 'Compute Engine', 'compute.snapshot': 'Compute Engine', 'network.public_ip': 'Compute Engine', 'network.nat_gateway': 'Cloud NAT', 'network.load_balancer': 'Cloud Load Balancing', 'storage.bucket': 'Cloud Storage' },
  azure: { 'compute.instance': 'Virtual Machines', 'compute.disk': 'Managed Disks', 'compute.snapshot': 'Managed Disks', 'network.public_ip': 'Virtual Network', 'network.nat_gateway': 'NAT Gateway', 'network.load_balancer': 'Load Balancer', 'storage.bucket': 'Storage' },
  libvirt: {},
};

export function serviceOf(node: GraphNode): string | null {
  return SERVICES[node.provider][node.kind] ?? null;
}

export function ownerOf(tags: Record<string, string>, keys: readonly string[]): string | null {
  for (const k of keys) {
    const v = tags[k];
    if (v !== undefined && v.trim() !== '') return v;
  }
  return null;
}

export interface SavingFields {
  recommendation: string;
  monthlyCost: number | null;
  monthlySavings: number | null;
  confidence: Confidence;
  pricingSource: string;
  evidence: JsonObject;
  /** Distinguishes several savings of one rule on one resource. */
  discriminator?: string;
}

export function savingFor(ruleId: string, node: GraphNode, common: CommonCostSettings, f: SavingFields): Saving {
  return {
    fingerprint: fingerprintOf(ruleId, node.id, f.discriminator),
    ruleId,
    resourceId: node.id,
    resourceKind: node.kind,
    resourceName: node.name,
    provider: node.provider,
    account: node.account,
    region: node.region,
    service: serviceOf(node),
    tags: node.tags,
    owner: ownerOf(node.tags, common.ownerTagKeys),
    recommendation: f.recommendation,
    monthlyCost: cents(f.monthlyCost),
    monthlySavings: cents(f.monthlySavings),
    currency: CURRENCY,
    confidence: f.confidence,
    pricingSource: f.pricingSource,
    evidence: f.evidence,
  };
}

/**
 * A saving that removes the whole cost of a resource (delete, release, stop): savings = cost.
 * Unpriced resources are still reported, with `monthlyCost`/`monthlySavings` null and `unknown`.
 */
export function wholeCostSaving(ruleId: string, node: GraphNode, common: CommonCostSettings, recommendation: string, price: Priced, evidence: JsonObject): Saving {
  if (price.monthly === null) {
    return savingFor(ruleId, node, common, { recommendation, monthlyCost: null, monthlySavings: null, confidence: 'unknown', pricingSource: 'unpriced', evidence: { ...evidence, unpriced: price.reason } });
  }
  return savingFor(ruleId, node, common, {
    recommendation,
    monthlyCost: price.monthly,
    monthlySavings: price.monthly,
    confidence: confidenceOf(price),
    pricingSource: price.pricingSource,
    evidence: { ...evidence, price: price.evidence, formula: 'monthlySavings = monthlyCost' },
  });
}

export function daysBetween(fromIso: string, to: Date): number | null {
  const t = Date.parse(fromIso);
  if (Number.isNaN(t)) return null;
  return Math.floor((to.getTime() - t) / 86_400_000);
}
