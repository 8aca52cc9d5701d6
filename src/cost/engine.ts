/**
 * Runs every cost rule over a snapshot: `runCostRules(snapshot, { catalog, params, now })`.
 * Pure apart from reading the catalog it is given. Thresholds come from each rule's defaults,
 * overridden by `params.rules.<id>` (from `cost:` in `cloudwarden.yaml`); unknown rules, unknown
 * thresholds and values of the wrong type are rejected with the path of the bad key.
 */
import type { Snapshot } from '../graph/schema.js';
import type { Saving } from '../results/schema.js';
import { InputError } from '../util/errors.js';
import { SnapshotIndex } from './context.js';
import type { PricingCatalog } from './pricing/index.js';
import { CLOUD_PROVIDERS, loadCatalog } from './pricing/index.js';
import { COST_RULES } from './rules/index.js';
import type { CommonCostSettings, ParamValue, RuleEnv } from './types.js';

export const DEFAULT_OWNER_TAG_KEYS = ['owner', 'Owner', 'team'];
export const DEFAULT_SPOT_CANDIDATE_TAGS: Record<string, string[]> = { env: ['dev', 'test', 'ci', 'batch'] };

/** The `cost:` section of `cloudwarden.yaml`, as the engine takes it. */
export interface CostParams {
  /** Per rule: `enabled: false` turns it off; other keys override its named thresholds. */
  rules?: Record<string, Record<string, ParamValue>>;
  ownerTagKeys?: string[];
  allowedRegions?: string[];
  spotCandidateTags?: Record<string, string[]>;
}

export interface CostEngineOptions {
  catalog: PricingCatalog;
  params?: CostParams;
  /** Ages are counted from this time; default the snapshot's `finishedAt`. */
  now?: Date;
}

export interface CostRunResult {
  savings: Saving[];
  /** Dates of the catalog used per provider (the oldest section date), and of the price sheet. */
  pricingCatalogDates: Record<string, string>;
  /** What could not be reported and why (missing dates, metrics, prices). */
  notes: string[];
}

function sameType(a: ParamValue, b: unknown): boolean {
  if (Array.isArray(a)) return Array.isArray(b) && b.every((x) => typeof x === 'string');
  if (typeof a === 'object') return typeof b === 'object' && b !== null && !Array.isArray(b);
  return typeof a === typeof b && (typeof b !== 'number' || Number.isFinite(b));
}

/** A rule's thresholds: its defaults with the user's overrides, checked. */
export function resolveRuleParams(id: string, overrides: Record<string, unknown> | undefined): { enabled: boolean; params: Record<string, ParamValue> } {
  const rule = COST_RULES[id];
  if (!rule) throw new InputError(`cost.rules.${id}: unknown cost rule, expected one of ${Object.keys(COST_RULES).join(', ')}`);
  const params: Record<string, ParamValue> = { ...rule.defaults };
  let enabled = true;
  for (const [k, v] of Object.entries(overrides ?? {})) {
    if (k === 'enabled') {
      if (typeof v !== 'boolean') throw new InputError(`cost.rules.${id}.enabled: expected true or false, got ${JSON.stringify(v)}`);
      enabled = v;
      continue;
    }
    const def = rule.defaults[k];
    if (def === undefined) {
      const known = Object.keys(rule.defaults);
      throw new InputError(`cost.rules.${id}.${k}: unknown threshold${known.length ? `, expected one of ${known.join(', ')}` : ' (this rule has none)'}`);
    }
    if (!sameType(def, v)) throw new InputError(`cost.rules.${id}.${k}: expected a ${Array.isArray(def) ? 'list of strings' : typeof def}, got ${JSON.stringify(v)}`);
    if (typeof v === 'number' && v < 0) throw new InputError(`cost.rules.${id}.${k}: expected a non-negative number, got ${v}`);
    params[k] = v as ParamValue;
  }
  return { enabled, params };
}

export function commonSettings(p: CostParams = {}): CommonCostSettings {
  return {
    ownerTagKeys: p.ownerTagKeys && p.ownerTagKeys.length > 0 ? [...p.ownerTagKeys] : [...DEFAULT_OWNER_TAG_KEYS],
    allowedRegions: [...(p.allowedRegions ?? [])],
    spotCandidateTags: p.spotCandidateTags ?? DEFAULT_SPOT_CANDIDATE_TAGS,
  };
}

/**
 * The catalog dates the savings rely on: per provider, the oldest date of the catalog figures the
 * savings were priced with (`catalog:<provider>:<date>`, spot discount sources), or, when no
 * saving used the catalog, the oldest section date of each cloud provider in the snapshot; and the
 * price sheet's date when one is loaded.
 */
export function pricingCatalogDates(snapshot: Snapshot, catalog: PricingCatalog, savings: readonly Saving[] = []): Record<string, string> {
  const out: Record<string, string> = {};
  const use = (provider: string, date: string): void => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return;
    const prev = out[provider];
    if (prev === undefined || date < prev) out[provider] = date;
  };
  for (const s of savings) {
    const m = /^catalog:([a-z]+):(.+)$/.exec(s.pricingSource);
    if (m?.[1] && m[2]) use(m[1], m[2]);
    const spot = s.evidence?.['spotDiscountSource'];
    if (typeof spot === 'string' && !spot.startsWith('override:')) use(s.provider, spot.slice(spot.lastIndexOf('@') + 1));
  }
  if (Object.keys(out).length === 0) {
    const present = new Set(snapshot.nodes.map((n) => n.provider));
    const dates = catalog.catalogDates();
    for (const p of CLOUD_PROVIDERS) {
      if (!present.has(p)) continue;
      const d = Object.values(dates.providers[p]).sort()[0];
      if (d) out[p] = d;
    }
  }
  const sheet = catalog.catalogDates().overrides;
  if (sheet) out[`override:${sheet.file}`] = sheet.date;
  return out;
}

/**
 * The catalog the engine prices with: the shipped data, and the price sheet when one is given
 * (`--price-sheet`, `cost.priceSheet`). A malformed sheet is rejected whole, with file, line,
 * column and field (`PriceSheetError`).
 */
export function loadCostCatalog(priceSheetPath?: string): PricingCatalog {
  return loadCatalog(priceSheetPath ? { overridesPath: priceSheetPath } : {});
}

export function runCostRules(snapshot: Snapshot, opts: CostEngineOptions): CostRunResult {
  const params = opts.params ?? {};
  for (const id of Object.keys(params.rules ?? {})) if (!COST_RULES[id]) resolveRuleParams(id, undefined);
  const notes: string[] = [];
  const env: RuleEnv = {
    now: opts.now ?? new Date(snapshot.finishedAt),
    common: commonSettings(params),
    index: new SnapshotIndex(snapshot),
    note: (m) => notes.push(m),
  };
  const savings: Saving[] = [];
  for (const [id, rule] of Object.entries(COST_RULES)) {
    const { enabled, params: ruleParams } = resolveRuleParams(id, params.rules?.[id]);
    if (!enabled) continue;
    for (const s of rule.run(snapshot, opts.catalog, ruleParams, env)) savings.push(s);
  }
  return { savings, pricingCatalogDates: pricingCatalogDates(snapshot, opts.catalog, savings), notes: [...new Set(notes)] };
}
