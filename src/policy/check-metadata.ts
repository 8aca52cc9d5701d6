/**
 * A check's METADATA, validated. Each check file opens with an OPA `# METADATA` block (package
 * scope) holding title, description and a `custom` section:
 *
 *   # METADATA
 *   # title: VNC or SPICE console reachable from the network without a password
 *   # description: ...
 *   # custom:
 *   #   id: libvirt.graphics.console_open_without_password
 *   #   severity: high
 *   #   resource_kinds: [compute.instance]
 *   #   recommended_actions:
 *   #     - Set a password, or listen on 127.0.0.1 and tunnel over SSH.
 *   #   frameworks:
 *   #     cis-aws-3.0: ["5.2"]
 *   #   incremental: resource      # optional: how far a finding's inputs reach (docs/scale.md)
 *   package cloudwarden.libvirt.graphics.console_open_without_password
 *
 * The id is the file's path under its policy folder (`libvirt/graphics/console_open_without_password.rego`)
 * and the package is `cloudwarden.<id>`: file name, id and package cannot drift apart.
 */
import { EDGE_KINDS, NODE_KINDS, PROVIDERS, type NodeKind, type Provider } from '../graph/schema.js';
import { SEVERITIES, type FrameworkRef, type PolicyInfo, type Severity } from '../results/schema.js';

export const POLICY_PACKAGE_ROOT = 'cloudwarden';

/** Derives the check id from its path under a policy folder: `aws/s3/bucket_public_acl.rego` → `aws.s3.bucket_public_acl`. */
export function checkIdFromPath(relativePath: string): string {
  return relativePath
    .replace(/\\/g, '/')
    .replace(/\.rego$/, '')
    .split('/')
    .join('.');
}

export interface MetadataProblem {
  field: string;
  message: string;
}

function isStringList(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim() !== '');
}

/**
 * Validates the package-scope annotations of a check; returns the policy info or the problems.
 * `annotations` is the METADATA block as parsed (YAML mapping plus `scope`).
 */
/** The largest `incremental: {reach: N}`: beyond it a neighbourhood is most of a real graph anyway. */
export const MAX_INCREMENTAL_REACH = 3;

/**
 * How far the inputs of a check's finding on node R reach, as its METADATA declares it
 * (`custom.incremental`, docs/scale.md):
 * - `resource`: R and its incident edges (reach 0);
 * - `{reach: N, via: [...]}`: also every node up to N steps from R and their outgoing edges, where a
 *   step follows an outgoing edge of one of the listed kinds, or a listed attribute whose value (a
 *   string or a list of strings) is another node's id, such as `permissionsBoundaryArn`.
 */
export interface IncrementalReach {
  reach: number;
  /** Edge kinds and attribute names a step may follow (empty for `resource`). */
  via: string[];
}

function incrementalReach(value: unknown): IncrementalReach | undefined | string {
  if (value === undefined) return undefined;
  if (value === 'resource') return { reach: 0, via: [] };
  const expected = `expected "resource" or {reach: N, via: [edge kinds or attribute names]} with N from 1 to ${MAX_INCREMENTAL_REACH}, got ${JSON.stringify(value)}`;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return expected;
  const v = value as Record<string, unknown>;
  const extra = Object.keys(v).filter((k) => k !== 'reach' && k !== 'via');
  if (extra.length > 0) return `unknown field ${extra[0]}: ${expected}`;
  if (!Number.isInteger(v.reach) || (v.reach as number) < 1 || (v.reach as number) > MAX_INCREMENTAL_REACH) return expected;
  if (!isStringList(v.via) || v.via.length === 0 || v.via.some((x) => !/^[A-Za-z_][A-Za-z0-9_]*$/.test(x))) return `via: expected a non-empty list of edge kinds (${EDGE_KINDS.join(', ')}) or attribute names, got ${JSON.stringify(v.via)}`;
  return { reach: v.reach as number, via: [...new Set(v.via)].sort() };
}

export function validateCheckMetadata(
  annotations: Record<string, unknown> | undefined,
  where: { file: string; relativePath: string; packagePath: string },
): { info: PolicyInfo; incremental: IncrementalReach | null; problems: [] } | { info: null; problems: MetadataProblem[] } {
  const problems: MetadataProblem[] = [];
  const add = (field: string, message: string): void => {
    problems.push({ field, message });
  };
  if (!annotations) {
    return { info: null, problems: [{ field: 'METADATA', message: 'missing: a check must open with a "# METADATA" block before its package line' }] };
  }
  const expectedId = checkIdFromPath(where.relativePath);
  const title = annotations.title;
  const description = annotations.description;
  const custom = annotations.custom;
  if (typeof title !== 'string' || title.trim() === '') add('title', 'expected a non-empty string');
  if (typeof description !== 'string' || description.trim() === '') add('description', 'expected a non-empty string');
  if (custom === null || typeof custom !== 'object' || Array.isArray(custom)) {
    add('custom', 'expected a mapping with id, severity, resource_kinds, recommended_actions and frameworks');
    return { info: null, problems };
  }
  const c = custom as Record<string, unknown>;
  const known = new Set(['id', 'severity', 'resource_kinds', 'recommended_actions', 'frameworks', 'incremental']);
  for (const k of Object.keys(c)) if (!known.has(k)) add(`custom.${k}`, `unknown field (expected one of ${[...known].join(', ')})`);
  // Optional: how far a finding's inputs reach, so incremental runs may reuse it (docs/scale.md).
  const reach = incrementalReach(c.incremental);
  if (typeof reach === 'string') add('custom.incremental', reach);
  if (c.id !== expectedId) add('custom.id', `expected "${expectedId}" (the file's path under its policy folder), got ${JSON.stringify(c.id)}`);
  const expectedPackage = `data.${POLICY_PACKAGE_ROOT}.${expectedId}`;
  if (where.packagePath !== expectedPackage) add('package', `expected "package ${expectedPackage.slice(5)}", got "package ${where.packagePath.slice(5)}"`);
  if (!(SEVERITIES as readonly unknown[]).includes(c.severity)) add('custom.severity', `expected one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(c.severity)}`);
  const kinds = c.resource_kinds;
  if (!isStringList(kinds) || kinds.length === 0) add('custom.resource_kinds', 'expected a non-empty list of resource kinds');
  else for (const k of kinds) if (!(NODE_KINDS as readonly string[]).includes(k)) add('custom.resource_kinds', `unknown kind "${k}" (expected one of ${NODE_KINDS.join(', ')})`);
  const actions = c.recommended_actions;
  if (!isStringList(actions) || actions.length === 0) add('custom.recommended_actions', 'expected a non-empty list of strings');
  const frameworks: FrameworkRef[] = [];
  const fw = c.frameworks;
  if (fw === undefined || fw === null || typeof fw !== 'object' || Array.isArray(fw)) add('custom.frameworks', 'expected a mapping of framework id to a list of controls ({} when none)');
  else
    for (const [framework, controls] of Object.entries(fw as Record<string, unknown>)) {
      if (!/^[a-z0-9]+(?:-[a-z0-9.]+)+$/.test(framework)) add(`custom.frameworks.${framework}`, 'expected an id like cis-aws-3.0');
      const list = Array.isArray(controls) ? controls.map((x) => (typeof x === 'number' ? String(x) : x)) : controls;
      if (!isStringList(list) || list.length === 0) add(`custom.frameworks.${framework}`, 'expected a non-empty list of control numbers as strings, e.g. ["2.1.4"]');
      else frameworks.push({ framework, controls: list });
    }
  const first = expectedId.split('.')[0] ?? '';
  const provider: Provider | 'common' | null = first === 'common' ? 'common' : (PROVIDERS as readonly string[]).includes(first) ? (first as Provider) : null;
  if (provider === null) add('path', `a check lives under ${[...PROVIDERS, 'common'].join('/, ')}/ (got "${first}/")`);
  if (problems.length > 0 || provider === null || typeof reach === 'string') return { info: null, problems };
  return {
    incremental: reach ?? null,
    info: {
      id: expectedId,
      title: (title as string).trim(),
      description: (description as string).trim(),
      severity: c.severity as Severity,
      resourceKinds: kinds as NodeKind[],
      provider,
      recommendedActions: actions as string[],
      frameworks: frameworks.sort((a, b) => (a.framework < b.framework ? -1 : 1)),
      file: where.relativePath,
      package: expectedPackage,
    },
    problems: [],
  };
}
