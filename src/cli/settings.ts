/**
 * Effective settings: defaults, then the config file, then environment variables, then flags.
 * Every value from the environment or a flag is validated with a message naming its source.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { providerRun, type ProviderRun } from '../collectors/collect.js';
import type { AwsOptions } from '../collectors/aws/index.js';
import type { AzureOptions } from '../collectors/azure/index.js';
import type { GcpOptions } from '../collectors/gcp/index.js';
import type { LibvirtOptions } from '../collectors/libvirt/index.js';
import { isAvailableProvider, PLANNED_PROVIDERS, PROVIDER_MODULES, type AvailableProvider } from '../collectors/registry.js';
import type { CommonCollectOptions } from '../collectors/types.js';
import { DEFAULT_CONFIG_FILE, loadConfigFile } from '../config/load-config.js';
import type { CloudwardenConfig } from '../config/config-types.js';
import { PROVIDERS } from '../graph/schema.js';
import { InputError } from '../util/errors.js';
import type { LogFormat } from './output.js';
import { stringList, stringValue, type ParsedArgs } from './args.js';

export const DEFAULT_COLLECT_OPTIONS: CommonCollectOptions = {
  concurrency: 16,
  maxAttempts: 6,
  callTimeoutMs: 60_000,
  retryBaseDelayMs: 250,
  retryMaxDelayMs: 20_000,
};

/** Reads the config file named by `--config` or `CLOUDWARDEN_CONFIG`, or `./cloudwarden.yaml` when present. */
export async function loadConfig(values: ParsedArgs['values'], env: NodeJS.ProcessEnv, cwd: string): Promise<{ config: CloudwardenConfig; path: string | null }> {
  const explicit = stringValue(values, 'config') ?? (env.CLOUDWARDEN_CONFIG || undefined);
  if (explicit) return { config: await loadConfigFile(resolve(cwd, explicit)), path: explicit };
  const implicit = resolve(cwd, DEFAULT_CONFIG_FILE);
  if (existsSync(implicit)) return { config: await loadConfigFile(implicit), path: DEFAULT_CONFIG_FILE };
  return { config: {}, path: null };
}

export function resolveLogFormat(values: ParsedArgs['values'], env: NodeJS.ProcessEnv, config: CloudwardenConfig): LogFormat {
  const flag = stringValue(values, 'log-format');
  const fromEnv = env.CLOUDWARDEN_LOG_FORMAT || undefined;
  const chosen = flag ?? fromEnv ?? config.log?.format ?? 'text';
  if (chosen !== 'text' && chosen !== 'json') {
    const source = flag !== undefined ? '--log-format' : 'CLOUDWARDEN_LOG_FORMAT';
    throw new InputError(`${source}: expected 'text' or 'json', got '${chosen}'`);
  }
  return chosen;
}

function positiveInt(raw: string, source: string, max: number): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < 1 || Number(raw) > max) {
    throw new InputError(`${source}: expected a whole number from 1 to ${max}, got '${raw}'`);
  }
  return Number(raw);
}

export function resolveCollectOptions(values: ParsedArgs['values'], env: NodeJS.ProcessEnv, config: CloudwardenConfig): CommonCollectOptions {
  const c = config.collect ?? {};
  const flag = stringValue(values, 'concurrency');
  const concurrency =
    flag !== undefined
      ? positiveInt(flag, '--concurrency', 1024)
      : env.CLOUDWARDEN_CONCURRENCY
        ? positiveInt(env.CLOUDWARDEN_CONCURRENCY, 'CLOUDWARDEN_CONCURRENCY', 1024)
        : (c.concurrency ?? DEFAULT_COLLECT_OPTIONS.concurrency);
  return {
    ...DEFAULT_COLLECT_OPTIONS,
    concurrency,
    maxAttempts: c.maxAttempts ?? DEFAULT_COLLECT_OPTIONS.maxAttempts,
    callTimeoutMs: c.callTimeoutSeconds !== undefined ? Math.round(c.callTimeoutSeconds * 1000) : DEFAULT_COLLECT_OPTIONS.callTimeoutMs,
  };
}

/** Providers chosen by `--provider` (repeatable or comma-separated), else those configured in the file. */
export function resolveProviders(values: ParsedArgs['values'], config: CloudwardenConfig): AvailableProvider[] {
  const requested = stringList(values, 'provider');
  const chosen = requested.length > 0 ? requested : Object.keys(config.providers ?? {});
  if (chosen.length === 0) {
    throw new InputError("no provider selected: pass --provider (one of aws, gcp, azure, libvirt) or configure one under 'providers' in cloudwarden.yaml");
  }
  const out: AvailableProvider[] = [];
  for (const p of chosen) {
    if (!(PROVIDERS as readonly string[]).includes(p)) {
      throw new InputError(`unknown provider '${p}': expected one of ${PROVIDERS.join(', ')}`);
    }
    if (!isAvailableProvider(p)) {
      const planned = (PLANNED_PROVIDERS as readonly string[]).includes(p);
      throw new InputError(`provider '${p}' is ${planned ? 'planned but not available in this version yet' : 'not available'}; available: ${Object.keys(PROVIDER_MODULES).join(', ')}`);
    }
    if (!out.includes(p)) out.push(p);
  }
  return out;
}

export function resolveLibvirtOptions(values: ParsedArgs['values'], env: NodeJS.ProcessEnv, config: CloudwardenConfig): LibvirtOptions {
  const fromConfig = config.providers?.libvirt;
  const flagUris = stringList(values, 'libvirt-uri');
  const envUris = (env.CLOUDWARDEN_LIBVIRT_URI ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const name = stringValue(values, 'libvirt-name');
  const readOnly = values['libvirt-read-only'] === true ? true : undefined;
  let connections = fromConfig?.connections ?? [{ uri: 'qemu:///system' }];
  const uris = flagUris.length > 0 ? flagUris : envUris;
  if (uris.length > 0) connections = uris.map((uri) => ({ uri }));
  if (name !== undefined) {
    if (connections.length !== 1) throw new InputError('--libvirt-name applies to exactly one connection; name several hosts in cloudwarden.yaml instead');
    if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new InputError(`--libvirt-name: expected letters, digits, '.', '_' or '-', got '${name}'`);
    connections = connections.map((c) => ({ ...c, name }));
  }
  if (readOnly) connections = connections.map((c) => ({ ...c, readOnly }));
  const virshPath = env.CLOUDWARDEN_VIRSH || fromConfig?.virshPath;
  return { connections, ...(virshPath ? { virshPath } : {}) };
}

const AWS_REGION = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;

export function resolveAwsOptions(values: ParsedArgs['values'], config: CloudwardenConfig): AwsOptions {
  const c = config.providers?.aws ?? {};
  const regions = stringList(values, 'aws-regions');
  for (const r of regions) if (!AWS_REGION.test(r)) throw new InputError(`--aws-regions: '${r}' is not an AWS region name (e.g. us-east-1)`);
  const region = stringValue(values, 'aws-region');
  if (region !== undefined && !AWS_REGION.test(region)) throw new InputError(`--aws-region: '${region}' is not an AWS region name (e.g. us-east-1)`);
  const orgRole = stringValue(values, 'aws-org-role');
  const externalId = stringValue(values, 'aws-external-id');
  if (externalId !== undefined && !orgRole && !c.organization) throw new InputError('--aws-external-id needs --aws-org-role (or providers.aws.organization in cloudwarden.yaml)');
  const orgAccounts = stringList(values, 'aws-accounts');
  for (const a of orgAccounts) if (!/^\d{12}$/.test(a)) throw new InputError(`--aws-accounts: '${a}' is not a 12-digit AWS account id`);
  if (orgAccounts.length && !orgRole && !c.organization) throw new InputError('--aws-accounts needs --aws-org-role (or providers.aws.organization in cloudwarden.yaml)');
  const baseOrg = orgRole ? { roleName: orgRole, ...(externalId ? { externalId } : {}) } : c.organization;
  const organization = baseOrg && orgAccounts.length ? { ...baseOrg, accounts: orgAccounts } : baseOrg;
  const metricsFlag = stringValue(values, 'aws-metrics-days');
  const metricsDays = metricsFlag !== undefined ? positiveInt(metricsFlag, '--aws-metrics-days', 455) : c.metricsDays;
  const profile = stringValue(values, 'aws-profile') ?? c.profile;
  const endpoint = stringValue(values, 'aws-endpoint') ?? c.endpoint;
  const out: AwsOptions = {};
  if (profile) out.profile = profile;
  if (region ?? c.region) out.region = region ?? c.region;
  if (regions.length || c.regions) out.regions = regions.length ? regions : c.regions;
  if (organization) out.organization = organization;
  if (values['s3-force-path-style'] === true || c.s3ForcePathStyle) out.s3ForcePathStyle = true;
  if (endpoint) out.endpoint = endpoint;
  if (values['aws-no-costs'] === true) out.collectCosts = false;
  else if (c.collectCosts !== undefined) out.collectCosts = c.collectCosts;
  if (values['aws-spot-prices'] === true) out.collectSpotPrices = true;
  else if (c.collectSpotPrices !== undefined) out.collectSpotPrices = c.collectSpotPrices;
  if (metricsDays !== undefined) out.metricsDays = metricsDays;
  return out;
}

export function resolveGcpOptions(values: ParsedArgs['values'], config: CloudwardenConfig): GcpOptions {
  const c = config.providers?.gcp ?? {};
  const flagScopes = stringList(values, 'gcp-scope');
  const scopes = flagScopes.length ? flagScopes : (c.scopes ?? []);
  for (const s of scopes) {
    if (!/^(organizations|folders|projects)\/[A-Za-z0-9._-]+$/.test(s)) throw new InputError(`--gcp-scope: '${s}' is not a scope; expected organizations/ID, folders/ID or projects/ID`);
  }
  if (scopes.length === 0) throw new InputError('gcp: no scope to scan: pass --gcp-scope organizations/ID, folders/ID or projects/ID (repeatable), or set providers.gcp.scopes');
  const domains = stringList(values, 'gcp-org-domain');
  const orgDomains = domains.length ? domains : c.orgDomains;
  return { scopes, ...(orgDomains ? { orgDomains } : {}), ...(c.apiEndpoint ? { apiEndpoint: c.apiEndpoint } : {}) };
}

export function resolveAzureOptions(values: ParsedArgs['values'], config: CloudwardenConfig): AzureOptions {
  const c = config.providers?.azure ?? {};
  const flagSubs = stringList(values, 'azure-subscription');
  for (const s of flagSubs) if (!/^[0-9a-fA-F-]{36}$/.test(s)) throw new InputError(`--azure-subscription: '${s}' is not a subscription id (a GUID)`);
  const subscriptions = flagSubs.length ? flagSubs : c.subscriptions;
  const domains = stringList(values, 'azure-tenant-domain');
  const tenantDomains = domains.length ? domains : c.tenantDomains;
  return { ...(subscriptions ? { subscriptions } : {}), ...(tenantDomains ? { tenantDomains } : {}), ...(c.endpoint ? { endpoint: c.endpoint } : {}) };
}

/** Builds the runs for the chosen providers. */
export function buildProviderRuns(providers: AvailableProvider[], values: ParsedArgs['values'], env: NodeJS.ProcessEnv, config: CloudwardenConfig): ProviderRun[] {
  return providers.map((p) => {
    switch (p) {
      case 'aws':
        return providerRun(PROVIDER_MODULES.aws, resolveAwsOptions(values, config));
      case 'azure':
        return providerRun(PROVIDER_MODULES.azure, resolveAzureOptions(values, config));
      case 'gcp':
        return providerRun(PROVIDER_MODULES.gcp, resolveGcpOptions(values, config));
      case 'libvirt':
        return providerRun(PROVIDER_MODULES.libvirt, resolveLibvirtOptions(values, env, config));
    }
    throw new InputError(`provider '${String(p)}' has no run builder`);
  });
}
