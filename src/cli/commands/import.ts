/** `cloudwarden import`: offline import of provider export files into a snapshot. */
import { resolve } from 'node:path';
import { importLibvirtXml } from '../../collectors/libvirt/index.js';
import { assembleSnapshot } from '../../graph/assemble.js';
import { writeSnapshot } from '../../graph/snapshot-io.js';
import { InputError } from '../../util/errors.js';
import { TOOL_INFO } from '../../version.js';
import { stringList, stringValue, type CommandSpec } from '../args.js';
import { formatCollectSummary } from '../summary.js';
import type { CommandContext } from './context.js';

export const importSpec: CommandSpec = {
  name: 'import',
  summary: 'build a snapshot from provider export files (offline, no credentials)',
  usage: 'cloudwarden import --provider libvirt --from PATH --host NAME --out FILE',
  options: {
    provider: { type: 'string', short: 'p', value: 'NAME', description: 'format of the files: libvirt (virsh dumpxml files or a test-driver node.xml)' },
    from: { type: 'string', multiple: true, value: 'PATH', description: 'file or folder to import; repeatable' },
    host: { type: 'string', value: 'NAME', description: 'libvirt host name used in resource ids' },
    out: { type: 'string', short: 'o', value: 'FILE', description: 'snapshot file to write (.json or .json.gz)' },
  },
  examples: ['cloudwarden import --provider libvirt --from dumps/ --host kvm01 --out kvm01.json.gz'],
};

export async function importCommand(cx: CommandContext): Promise<number> {
  const provider = stringValue(cx.args.values, 'provider');
  const from = stringList(cx.args.values, 'from');
  const outPath = stringValue(cx.args.values, 'out');
  if (!provider) throw new InputError('import: missing --provider (supported: libvirt)');
  if (provider !== 'libvirt') throw new InputError(`import: provider '${provider}' has no importer in this version (supported: libvirt)`);
  if (from.length === 0) throw new InputError('import: missing --from PATH (a folder of virsh dumpxml files or a test-driver node.xml)');
  if (!outPath) throw new InputError('import: missing --out FILE');
  if (!/\.json(\.gz)?$/i.test(outPath)) throw new InputError(`import: --out ${outPath}: expected a file name ending in .json or .json.gz`);
  const host = stringValue(cx.args.values, 'host');
  if (!host) throw new InputError('import: missing --host NAME (the libvirt host the files came from; used in resource ids)');
  const startedAt = new Date().toISOString();
  const t0 = performance.now();
  const fragments = [];
  for (const p of from) fragments.push(await importLibvirtXml(resolve(cx.cwd, p), { host }));
  const snapshot = assembleSnapshot({
    tool: TOOL_INFO,
    startedAt,
    finishedAt: new Date().toISOString(),
    scope: { providers: ['libvirt'], accounts: [host], regions: [] },
    fragments,
    coverage: [],
  });
  await writeSnapshot(resolve(cx.cwd, outPath), snapshot);
  cx.out.result(formatCollectSummary(snapshot, {}, cx.out, (performance.now() - t0) / 1000));
  cx.out.info(`wrote ${outPath}`);
  return 0;
}
