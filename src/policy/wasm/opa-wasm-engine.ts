/**
 * The `opa-wasm` engine: evaluates a bundle built by `opa build -t wasm` (see
 * `cloudwarden policies build`) through `@open-policy-agent/opa-wasm`.
 *
 * Entrypoint contract: one entrypoint per check, named after its `deny` rule's path with slashes:
 * `cloudwarden/libvirt/graphics/console_open_without_password/deny`. The check metadata comes from
 * the same policy folders the bundle was built from.
 */
import { readFile } from 'node:fs/promises';
import { loadPolicy } from '@open-policy-agent/opa-wasm';
import type { JsonObject, Snapshot } from '../../graph/schema.js';
import { InputError } from '../../util/errors.js';
import { EngineError, type DenyEngine } from '../evaluate-checks.js';
import type { LoadedCheck, LoadedPolicies } from '../load-policies.js';
import { readTarGz } from './tar.js';

/** The entrypoint name of a check in a wasm bundle. */
export function entrypointOf(check: LoadedCheck): string {
  return check.denyPath.replace(/^data\./, '').split('.').join('/');
}

export async function opaWasmEngine(bundlePath: string, policies: LoadedPolicies, snapshot: Snapshot, data?: JsonObject): Promise<DenyEngine> {
  let bytes: Buffer;
  try {
    bytes = await readFile(bundlePath);
  } catch (e) {
    throw new InputError(`${bundlePath}: cannot read bundle (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  let wasm: Buffer | undefined;
  try {
    wasm = bundlePath.endsWith('.wasm') ? bytes : readTarGz(bytes).get('policy.wasm');
  } catch (e) {
    throw new InputError(`${bundlePath}: not an OPA bundle: ${(e as Error).message}`);
  }
  if (!wasm) throw new InputError(`${bundlePath}: the bundle has no policy.wasm; build it with 'cloudwarden policies build' (opa build -t wasm)`);
  let policy: Awaited<ReturnType<typeof loadPolicy>>;
  try {
    policy = await loadPolicy(wasm);
  } catch (e) {
    throw new InputError(`${bundlePath}: policy.wasm failed to load: ${(e as Error).message}`);
  }
  if (data) policy.setData(data);
  const available = new Set(Object.keys((policy.entrypoints ?? {}) as Record<string, unknown>));
  const missing = policies.checks.map(entrypointOf).filter((e) => !available.has(e));
  if (missing.length === policies.checks.length && missing.length > 0) {
    throw new InputError(`${bundlePath}: the bundle has none of the checks' entrypoints (e.g. ${missing[0]}); rebuild it with 'cloudwarden policies build'`);
  }
  return {
    name: 'opa-wasm',
    deny(check) {
      const entrypoint = entrypointOf(check);
      if (!available.has(entrypoint)) throw new EngineError(`the bundle has no entrypoint ${entrypoint}: rebuild it with 'cloudwarden policies build'`);
      const rs = policy.evaluate(snapshot, entrypoint) as { result?: unknown }[] | undefined;
      return rs?.[0]?.result;
    },
  };
}
