/**
 * `cloudwarden import`: offline import of the providers' own export files into a snapshot, through
 * the same pure transforms as the live collectors.
 */
import { resolve } from 'node:path';
import { importAwsCliJson } from '../../collectors/aws/index.js';
import { importAzureJson } from '../../collectors/azure/index.js';
import { importGcpAssets } from '../../collectors/gcp/index.js';
import { importLibvirtXml } from '../../collectors/libvirt/index.js';
import type { GraphFragment } from '../../collectors/types.js';
import { assembleSnapshot } from '../../graph/assemble.js';
import type { Provider } from '../../graph/schema.js';
import { writeSnapshot } from '../../graph/snapshot-io.js';
import { InputError } from '../../util/errors.js';
import { TOOL_INFO } from '../../version.js';
import { stringList, stringValue, type CommandSpec, type ParsedArgs } from '../args.js';
import { formatCollectSummary } from '../summary.js';
import type { CommandContext } from './context.js';

export const importSpec: CommandSpec = {
  name: 'import',
  summary: 'build a snapshot from provider export files (offline, no credentials)',
  usage: 'cloudwarden import --provider NAME --from PATH [--from PATH ...] --out FILE',
  options: {
    provider: {
      type: 'string',
      short: 'p',
      value: 'NAME',
      description:
        'aws: a folder of AWS CLI JSON outputs (iam get-account-authorization-details, ec2 describe-*, s3api …); gcp: gcloud asset export NDJSON or search-all-resources JSON; azure: ARM list JSON or az resource/vm/role assignment list output; libvirt: virsh *-dumpxml files or a test-driver node.xml',
    },
    from: { type: 'string', multiple: true, value: 'PATH', description: 'file or folder to import; repeatable' },
    host: { type: 'string', value: 'NAME', description: 'libvirt: host name used in resource ids' },
    account: { type: 'string', value: 'ID', description: 'aws: the account id of a single-account folder (no accounts/ subfolder)' },
    'as-of': { type: 'string', value: 'DATE', description: 'aws: when the files were exported (RFC 3339), for key ages and metric windows; default now' },
    'org-domain': { type: 'string', multiple: true, value: 'DOMAIN', description: 'gcp/azure: your organization\'s or tenant\'s domains, to flag external members' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'snapshot file to write (.json or .json.gz)' },
  },
  examples: [
    'cloudwarden import --provider libvirt --from dumps/ --host kvm01 --out kvm01.json.gz',
    'cloudwarden import --provider aws --from exports/111122223333 --account 111122223333 --out aws.json',
    'cloudwarden import --provider gcp --from assets.ndjson --org-domain example.com --out gcp.json',
  ],
};

const IMPORTERS: Record<Provider, (paths: string[], values: ParsedArgs['values']) => Promise<GraphFragment[]>> = {
  async aws(paths, values) {
    const asOf = stringValue(values, 'as-of');
    const now = asOf === undefined ? undefined : new Date(asOf);
    if (now && Number.isNaN(now.getTime())) throw new InputError(`--as-of: expected an RFC 3339 date such as 2026-11-20T00:00:00Z, got '${asOf}'`);
    const account = stringValue(values, 'account');
    const out: GraphFragment[] = [];
    for (const p of paths) out.push(await importAwsCliJson(p, { ...(account ? { account } : {}), ...(now ? { now } : {}) }));
    return out;
  },
  async azure(paths, values) {
    const domains = stringList(values, 'org-domain');
    return [await importAzureJson(paths, domains.length ? { tenantDomains: domains } : {})];
  },
  async gcp(paths, values) {
    const domains = stringList(values, 'org-domain');
    return [await importGcpAssets(paths, domains.length ? { orgDomains: domains } : {})];
  },
  async libvirt(paths, values) {
    const host = stringValue(values, 'host');
    if (!host) throw new InputError('import: missing --host NAME (the libvirt host the files came from; used in resource ids)');
    const out: GraphFragment[] = [];
    for (const p of paths) out.push(await importLibvirtXml(p, { host }));
    return out;
  },
};

export async function importCommand(cx: CommandContext): Promise<number> {
  const provider = stringValue(cx.args.values, 'provider');
  const from = stringList(cx.args.values, 'from');
  const outPath = stringValue(cx.args.values, 'out');
  const supported = Object.keys(IMPORTERS).join(', ');
  if (!provider) throw new InputError(`import: missing --provider (one of ${supported})`);
  if (!Object.hasOwn(IMPORTERS, provider)) throw new InputError(`import: unknown provider '${provider}': expected one of ${supported}`);
  if (from.length === 0) throw new InputError('import: missing --from PATH (the exported files or folder)');
  if (!outPath) throw new InputError('import: missing --out FILE');
  if (!/\.json(\.gz)?$/i.test(outPath)) throw new InputError(`import: --out ${outPath}: expected a file name ending in .json or .json.gz`);
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const fragments = await IMPORTERS[provider as Provider](
    from.map((p) => resolve(cx.cwd, p)),
    cx.args.values,
  );
  const accounts = new Set<string>();
  const regions = new Set<string>();
  for (const f of fragments)
    for (const n of f.nodes) {
      accounts.add(n.account);
      if (n.region !== 'global') regions.add(n.region);
    }
  const snapshot = assembleSnapshot({
    tool: TOOL_INFO,
    startedAt,
    finishedAt: new Date().toISOString(),
    scope: { providers: [provider as Provider], accounts: [...accounts].sort(), regions: [...regions].sort() },
    fragments,
    coverage: [],
  });
  await writeSnapshot(resolve(cx.cwd, outPath), snapshot);
  cx.out.result(formatCollectSummary(snapshot, {}, cx.out, (performance.now() - t0) / 1000));
  cx.out.info(`wrote ${outPath}`);
  return 0;
}
