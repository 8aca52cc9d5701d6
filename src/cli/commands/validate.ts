/** `cloudwarden validate`: check a snapshot file against the schema and the graph's invariants. */
import { resolve } from 'node:path';
import { streamSnapshot } from '../../graph/snapshot-io.js';
import type { CommandSpec } from '../args.js';
import { countBy } from '../summary.js';
import type { CommandContext } from './context.js';

export const validateSpec: CommandSpec = {
  name: 'validate',
  summary: 'check that a snapshot file is complete and matches the schema',
  usage: 'cloudwarden validate SNAPSHOT',
  options: {},
  positionals: { name: 'SNAPSHOT', description: 'snapshot file (.json or .json.gz)', min: 1, max: 1 },
};

export async function validateCommand(cx: CommandContext): Promise<number> {
  const file = cx.args.positionals[0] ?? '';
  const kinds: string[] = [];
  let edges = 0;
  let gaps = 0;
  await streamSnapshot(
    resolve(cx.cwd, file),
    {
    node: (n) => kinds.push(n.kind),
    edge: () => edges++,
    coverage: (r) => {
      if (r.status !== 'ok') gaps++;
    },
    },
    { displayPath: file },
  );
  const byKind = countBy(kinds, (k) => k)
    .map(([k, n]) => `  ${String(n).padStart(8)}  ${k}`)
    .join('\n');
  cx.out.result(`${file}: valid snapshot: ${kinds.length} nodes, ${edges} edges, ${gaps} coverage gaps\n${byKind}`);
  return 0;
}
