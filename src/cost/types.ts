/**
 * The cost rule contract. A rule is one file `src/cost/rules/<id>.ts` exporting a `CostRule`: its
 * metadata, its named thresholds with their defaults, and a pure `run` from a snapshot, the pricing
 * catalog and the thresholds to `Saving[]`. See docs/cost-rules.md.
 */
import type { NodeKind, Provider, Snapshot } from '../graph/schema.js';
import type { Saving } from '../results/schema.js';
import type { PricingCatalog } from './pricing/index.js';
import type { SnapshotIndex } from './context.js';

/** A threshold or setting value a user may override in `cloudwarden.yaml` under `cost.rules.<id>`. */
export type ParamValue = number | string | boolean | string[] | Record<string, string[]>;

/** Settings every rule sees (from `cost:` in `cloudwarden.yaml`). */
export interface CommonCostSettings {
  /** Tag keys naming a resource's owner, in order of preference. */
  ownerTagKeys: string[];
  /** Regions resources may live in; empty means any. */
  allowedRegions: string[];
  /** Tag rules marking a workload as interruptible: tag key → allowed values. */
  spotCandidateTags: Record<string, string[]>;
}

/** What a rule gets besides the snapshot, the catalog and its own thresholds. */
export interface RuleEnv {
  /** The evaluation time (ages are counted from it). */
  now: Date;
  common: CommonCostSettings;
  /** Shared lookups over the snapshot, built once per run. */
  index: SnapshotIndex;
  /** Records why something was not (or could not be) reported, for the run's notes. */
  note(message: string): void;
}

export interface CostRuleInfo {
  /** Stable id = file name = registry key, e.g. `unattached_disk`. */
  id: string;
  title: string;
  description: string;
  providers: readonly Provider[];
  /** Resource kinds the rule reads; `cost` for billing rows. */
  kinds: readonly (NodeKind | 'cost')[];
}

export interface CostRule<P extends Record<string, ParamValue> = Record<string, ParamValue>> extends CostRuleInfo {
  /** Named thresholds and their defaults; users override them per rule. */
  defaults: Readonly<P>;
  run(snapshot: Snapshot, pricing: PricingCatalog, params: P, env: RuleEnv): Saving[];
}

/** A rule with its params type erased, for the registry table. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCostRule = CostRule<any>;
