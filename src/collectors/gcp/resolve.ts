/** Turns the configured scopes into targets. No I/O: a scope that cannot be read shows as coverage rows. */
import { InputError } from '../../util/errors.js';
import type { ResolveContext } from '../types.js';
import { SUPPORTED_ASSET_TYPES } from './asset-types.js';
import type { GcpOptions, GcpTarget } from './target.js';

const SCOPE = /^(organizations\/\d+|folders\/\d+|projects\/[a-z0-9][a-z0-9-:.]{0,62}[a-z0-9]|projects\/\d+)$/;
export const DEFAULT_PAGE_SIZE = 1000;

/** The account label of a scope: the project id for a project, else the scope itself. */
export function scopeAccount(scope: string): string {
  return scope.startsWith('projects/') ? scope.slice('projects/'.length) : scope;
}

export function resolveGcpTargets(options: GcpOptions, _ctx?: ResolveContext): Promise<GcpTarget[]> {
  return Promise.resolve(gcpTargets(options));
}

export function gcpTargets(options: GcpOptions): GcpTarget[] {
  const scopes = options.scopes;
  if (!Array.isArray(scopes) || scopes.length === 0) {
    throw new InputError("gcp: no scope configured: give at least one of 'organizations/123', 'folders/456' or 'projects/my-project'");
  }
  for (const s of scopes) {
    if (typeof s !== 'string' || !SCOPE.test(s)) throw new InputError(`gcp: '${String(s)}' is not a scope: use 'organizations/NUMBER', 'folders/NUMBER' or 'projects/PROJECT_ID'`);
  }
  if (new Set(scopes).size !== scopes.length) throw new InputError('gcp: a scope is listed twice');
  // Overlapping scopes would list the same assets twice and link them with different knowledge
  // (e.g. a binding's principalId), which the snapshot's unique ids cannot hold. An organization
  // contains most folders and projects one would add, so it must stand alone.
  if (scopes.some((s) => s.startsWith('organizations/')) && scopes.some((s) => !s.startsWith('organizations/'))) {
    throw new InputError('gcp: an organization scope lists its folders and projects already; scan other folders or projects in a separate run');
  }
  if (options.insecure === true && !options.apiEndpoint) throw new InputError('gcp: insecure needs apiEndpoint (it is meant for a local fake Asset API)');
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)) throw new InputError(`gcp: port ${options.port} is not a TCP port`);
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new InputError(`gcp: pageSize must be 1..1000, got ${pageSize}`);
  let assetTypes: string[] | null = null;
  if (options.assetTypes !== undefined) {
    const unknown = options.assetTypes.filter((t) => !SUPPORTED_ASSET_TYPES.includes(t));
    if (unknown.length > 0) throw new InputError(`gcp: unsupported asset type(s) ${unknown.join(', ')}; supported: ${SUPPORTED_ASSET_TYPES.join(', ')}`);
    assetTypes = [...options.assetTypes];
  }
  const orgDomains = options.orgDomains === undefined ? null : options.orgDomains.map((d) => d.toLowerCase().replace(/^@/, ''));
  return scopes.map((scope) => ({
    provider: 'gcp',
    account: scopeAccount(scope),
    region: 'global',
    scope,
    connection: { apiEndpoint: options.apiEndpoint ?? null, port: options.port ?? null, insecure: options.insecure === true },
    assetTypes,
    orgDomains,
    pageSize,
  }));
}
