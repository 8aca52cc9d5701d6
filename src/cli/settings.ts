/**
 * Effective settings: defaults, then the config file, then environment variables, then flags.
 * Every value from the environment or a flag is validated with a message naming its source.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { providerRun, type ProviderRun } from '../collectors/collect.js';
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

/** Builds the runs for the chosen providers. */
export function buildProviderRuns(providers: AvailableProvider[], values: ParsedArgs['values'], env: NodeJS.ProcessEnv, config: CloudwardenConfig): ProviderRun[] {
  return providers.map((p) => {
    switch (p) {
      case 'libvirt':
        return providerRun(PROVIDER_MODULES.libvirt, resolveLibvirtOptions(values, env, config));
    }
    throw new InputError(`provider '${String(p)}' has no run builder`);
  });
}
