/**
 * The cost engine at the CLI's edge: reads the price sheet (`--price-sheet FILE`, else
 * `cost.priceSheet` from `cloudwarden.yaml`, relative to that file) and the `cost:` settings,
 * runs the rules, and reports the run's notes at debug level.
 */
import { dirname, resolve } from 'node:path';
import type { CloudwardenConfig } from '../config/config-types.js';
import type { Snapshot } from '../graph/schema.js';
import type { Saving } from '../results/schema.js';
import { deduplicatedSavingsTotal } from '../results/build-results.js';
import { loadCostCatalog, resolveRuleParams, runCostRules } from './engine.js';
import type { CostParams } from './engine.js';

export const COST_OPTIONS = {
  'price-sheet': { type: 'string', value: 'FILE', description: 'price sheet (YAML or CSV) whose prices win over the shipped pricing catalog; libvirt is priced only from one (docs/pricing.md)' },
} as const;

export interface CostCliContext {
  args: { values: Record<string, unknown> };
  config: CloudwardenConfig;
  configPath: string | null;
  cwd: string;
  out: { debug(msg: string): void; info(msg: string): void };
}

/** The price sheet path the flags or the config file name, if any. */
export function priceSheetPath(cx: CostCliContext): string | undefined {
  const flag = cx.args.values['price-sheet'];
  if (typeof flag === 'string' && flag !== '') return resolve(cx.cwd, flag);
  const fromConfig = cx.config.cost?.priceSheet;
  if (fromConfig) return resolve(cx.cwd, cx.configPath ? dirname(cx.configPath) : '.', fromConfig);
  return undefined;
}

export function costParams(config: CloudwardenConfig): CostParams {
  const c = config.cost ?? {};
  const p: CostParams = {};
  if (c.rules) p.rules = c.rules;
  if (c.ownerTagKeys) p.ownerTagKeys = c.ownerTagKeys;
  if (c.allowedRegions) p.allowedRegions = c.allowedRegions;
  if (c.spotCandidateTags) p.spotCandidateTags = c.spotCandidateTags;
  return p;
}

/**
 * Checks the `cost:` settings and the price sheet before a long collection starts, so a typo
 * fails the scan at once (exit 2) rather than after collecting.
 */
export function checkCostSettings(cx: CostCliContext): void {
  for (const [id, overrides] of Object.entries(cx.config.cost?.rules ?? {})) resolveRuleParams(id, overrides);
  loadCostCatalog(priceSheetPath(cx));
}

/** Runs the cost rules for a CLI command: savings and catalog dates for the results document. */
export function runCostForCli(cx: CostCliContext, snapshot: Snapshot, now?: Date): { savings: Saving[]; pricingCatalog: Record<string, string> } {
  const catalog = loadCostCatalog(priceSheetPath(cx));
  const t0 = performance.now();
  const r = runCostRules(snapshot, { catalog, params: costParams(cx.config), ...(now ? { now } : {}) });
  cx.out.debug(`cost rules: ${r.savings.length} savings in ${(performance.now() - t0).toFixed(0)} ms`);
  for (const n of r.notes) cx.out.debug(`cost: ${n}`);
  return { savings: r.savings, pricingCatalog: r.pricingCatalogDates };
}

/** One line for the terminal summary. */
export function formatSavingsSummary(savings: readonly Saving[]): string {
  const priced = savings.filter((s) => s.monthlySavings !== null).length;
  return `Savings: ${deduplicatedSavingsTotal(savings).toFixed(2)} USD/month from ${priced} priced recommendation(s), ${savings.length - priced} without a saving figure (counted once per resource, never above its cost)`;
}
