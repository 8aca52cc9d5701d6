/**
 * What a rule can reach: the builtins called by it and by every rule and function it references,
 * transitively. Static and conservative: a reference with a variable in it (`data.lib[x]`) reaches
 * every rule under its ground prefix, and `with` replacements are ignored (the replaced rule still
 * counts as reached).
 *
 * Used to tell whether a check can read the clock or anything else that changes between two runs
 * over the same snapshot (incremental evaluation must not reuse such a check's findings).
 */
import type { Term } from './ast.js';
import { walkBody, walkTerm, type CompiledPolicySet, type CompiledRule, type TreeNode } from './compiler.js';

function nodeAt(root: TreeNode, path: readonly string[]): TreeNode | undefined {
  let node: TreeNode | undefined = root;
  for (const p of path) node = node?.children.get(p);
  return node;
}

/** The rules at a node and at every node below it. */
function rulesUnder(node: TreeNode, out: CompiledRule[]): void {
  out.push(...node.rules, ...node.defaults);
  for (const c of node.children.values()) rulesUnder(c, out);
}

/**
 * The rules a `data.…` reference may read (they are at the returned node or below it): the longest
 * ground prefix that names a node. A variable segment reaches everything below; a name with no
 * rules under it reads base data only (`data.cloudwarden.params[name]`), unless a rule on the way
 * produces it.
 */
function referencedNode(root: TreeNode, t: Term & { type: 'ref' }): TreeNode | undefined {
  let node = root;
  for (const p of t.path) {
    if (p.type !== 'string') return node;
    const next = node.children.get(p.value);
    if (!next) return node.rules.length > 0 || node.defaults.length > 0 ? node : undefined;
    node = next;
  }
  return node === root ? undefined : node;
}

/** Every builtin reachable from the rules at `path` (e.g. `['cloudwarden', 'aws', 's3', 'x', 'deny']`). */
export function reachableBuiltins(set: CompiledPolicySet, path: readonly string[]): Set<string> {
  const builtins = new Set<string>();
  const start = nodeAt(set.root, path);
  if (!start) return builtins;
  const seen = new Set<TreeNode>();
  const queue: TreeNode[] = [start];
  const visitTerm = (t: Term): void => {
    if (t.type === 'call' && t.resolved) {
      if (t.resolved.kind === 'builtin') builtins.add(t.resolved.name);
      else if (t.resolved.kind === 'func') {
        const fn = nodeAt(set.root, t.resolved.path);
        if (fn) queue.push(fn);
      } else builtins.add('<dynamic call>');
    } else if (t.type === 'ref' && t.head.type === 'var' && t.head.name === 'data') {
      const node = referencedNode(set.root, t);
      if (node) queue.push(node);
    }
  };
  while (queue.length > 0) {
    const node = queue.pop() as TreeNode;
    if (seen.has(node)) continue;
    seen.add(node);
    const rules: CompiledRule[] = [];
    rulesUnder(node, rules);
    for (const r of rules) {
      walkBody(r.body, visitTerm);
      for (const t of r.rest) walkTerm(t, visitTerm);
      for (const t of [r.rule.value, r.rule.key]) if (t) walkTerm(t, visitTerm);
      for (const e of r.rule.elses) {
        walkBody(e.body, visitTerm);
        if (e.value) walkTerm(e.value, visitTerm);
      }
    }
  }
  return builtins;
}
