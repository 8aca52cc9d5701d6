/**
 * The results document: what `evaluate` and `scan` write and every report reads.
 *
 * Single source of truth for `schemas/results.schema.json` (generated: `npm run gen:schema`; a test
 * keeps the two in step). Every finding has the same shape whatever policy produced it, and every
 * saving the same shape whatever cost rule produced it.
 */
import type { CoverageRow, JsonObject, NodeKind, Provider, SnapshotScope, ToolInfo } from '../graph/schema.js';

/** Version of the results document. */
export const RESULTS_SCHEMA_VERSION = '1.0';

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** A compliance framework reference, e.g. CIS AWS Foundations 3.0 section 2.1.4. */
export type FrameworkRef = {
  /** Framework id, e.g. `cis-aws-3.0`, `cis-gcp-3.0`, `cis-azure-2.1`. */
  framework: string;
  /** Section numbers in that framework. */
  controls: string[];
};

/** A policy (check) as its METADATA declares it. */
export interface PolicyInfo {
  /** Stable unique id, e.g. `aws.s3.bucket_public_acl`. */
  id: string;
  title: string;
  description: string;
  severity: Severity;
  /** Resource kinds the check reads. */
  resourceKinds: NodeKind[];
  /** Provider the check is specific to, or `common` for provider-neutral checks. */
  provider: Provider | 'common';
  recommendedActions: string[];
  frameworks: FrameworkRef[];
  /** Source file, relative to its policy folder. */
  file: string;
  /** `data.` path of the check's package. */
  package: string;
}

/** A step of an attack path: a node and the edge kind leading to the next step. */
export type PathStep = {
  nodeId: string;
  /** Edge from this node to the next step, when there is a next step. */
  via: string | null;
};

/** How a finding relates to the baseline, when one was given. */
export type BaselineStatus = 'new' | 'existing';

/** A suppression that matched a finding. */
export type SuppressionMatch = {
  reason: string;
  owner: string | null;
  /** `YYYY-MM-DD`. */
  expires: string | null;
  /** Where the suppression was declared, e.g. `.cloudwarden-ignore.yaml:12`. */
  source: string;
};

/** One failed check on one resource. */
export interface Finding {
  /** Stable across runs: hash of policy id, resource id and discriminator. */
  fingerprint: string;
  policyId: string;
  title: string;
  severity: Severity;
  message: string;
  resourceId: string;
  resourceKind: NodeKind | null;
  resourceName: string | null;
  provider: Provider | null;
  account: string | null;
  region: string | null;
  /** Distinguishes several findings of one policy on one resource (e.g. the port). */
  discriminator: string | null;
  /** Facts the policy based its verdict on (never secrets). */
  evidence: JsonObject | null;
  /** For toxic combinations: the graph path from the entry point to the impact. */
  path: PathStep[] | null;
  frameworks: FrameworkRef[];
  recommendedActions: string[];
  /** Set when a suppression matched: the finding stays visible, marked suppressed. */
  suppressed: SuppressionMatch | null;
  baseline: BaselineStatus | null;
  /** @format date-time */
  firstSeen: string | null;
}

export const CONFIDENCES = ['high', 'medium', 'low', 'unknown'] as const;
export type Confidence = (typeof CONFIDENCES)[number];

/** One cost recommendation on one resource. */
export interface Saving {
  /** Stable across runs: hash of rule id and resource id. */
  fingerprint: string;
  ruleId: string;
  resourceId: string;
  resourceKind: NodeKind | null;
  resourceName: string | null;
  provider: Provider;
  account: string;
  region: string;
  service: string | null;
  tags: Record<string, string>;
  owner: string | null;
  recommendation: string;
  /** What the resource costs per month now (null when no price is known). */
  monthlyCost: number | null;
  /** What following the recommendation saves per month (null when it cannot be computed honestly). */
  monthlySavings: number | null;
  currency: string;
  confidence: Confidence;
  /** `catalog:aws:2025-04-04`, `aws-cost-explorer`, `override:prices.yaml`, … */
  pricingSource: string;
  /** Inputs behind the figure: sizes, prices, metric values, dates. */
  evidence: JsonObject | null;
}

/** Counts for summaries and CI gates. */
export interface ResultsSummary {
  findingsBySeverity: Record<Severity, number>;
  /** Unsuppressed findings only. */
  openFindings: number;
  suppressedFindings: number;
  resources: number;
  policiesEvaluated: number;
  coverageGaps: number;
  /** Sum of savings, counting each resource at most once and never above its cost. */
  monthlySavingsTotal: number;
  currency: string;
}

/** The whole results document. */
export interface Results {
  schemaVersion: string;
  tool: ToolInfo;
  /** @format date-time */
  generatedAt: string;
  snapshot: {
    /** @format date-time */
    startedAt: string;
    /** @format date-time */
    finishedAt: string;
    scope: SnapshotScope;
    resources: number;
  };
  policies: PolicyInfo[];
  findings: Finding[];
  savings: Saving[];
  coverage: CoverageRow[];
  /** Dates of the pricing catalog sections used, e.g. `{ "aws": "2025-04-04" }`. */
  pricingCatalog: Record<string, string> | null;
  summary: ResultsSummary;
  /** Set when compared with a baseline: findings that were in the baseline and are gone. */
  resolved: Finding[] | null;
  /** Checks that failed to evaluate (their findings are missing: the run is not clean). */
  policyErrors: PolicyError[];
}

/** A check that could not be evaluated. */
export type PolicyError = {
  policyId: string;
  /** The rule that failed, e.g. `data.cloudwarden.aws.s3.bucket_public_acl.deny`. */
  rule: string;
  message: string;
};
