/** The builtin registry: one sorted table of every builtin, by name. */
import { coreBuiltins } from './core.js';
import { deprecatedBuiltins } from './deprecated.js';
import { encodingBuiltins } from './encoding.js';
import { jwtBuiltins } from './jwt.js';
import { graphBuiltins, miscBuiltins } from './misc.js';
import { netBuiltins } from './net.js';
import { objectBuiltins } from './objects.js';
import { regexBuiltins } from './regex.js';
import { schemaBuiltins } from './schema.js';
import { stringBuiltins } from './strings.js';
import { timeBuiltins } from './time.js';
import { uriBuiltins } from './uri.js';
import { x509Builtins } from './x509.js';
import type { BuiltinDef } from './types.js';

export type { BuiltinContext, BuiltinDef } from './types.js';

const PRINT: BuiltinDef = { name: 'print', arity: -1, fn: () => true };

/** All builtins, sorted by name. */
export const BUILTINS: readonly BuiltinDef[] = [
  ...coreBuiltins,
  ...stringBuiltins,
  ...regexBuiltins,
  ...objectBuiltins,
  ...encodingBuiltins,
  ...netBuiltins,
  ...timeBuiltins,
  ...miscBuiltins,
  ...graphBuiltins,
  ...jwtBuiltins,
  ...schemaBuiltins,
  ...uriBuiltins,
  ...x509Builtins,
  ...deprecatedBuiltins,
  PRINT,
].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

const byName = new Map<string, BuiltinDef>();
for (const b of BUILTINS) {
  if (byName.has(b.name)) throw new Error(`duplicate builtin ${b.name}`);
  byName.set(b.name, b);
}

export function getBuiltin(name: string): BuiltinDef | undefined {
  return byName.get(name);
}

/** Names of the builtins available to Rego v1 policies. */
export function builtinNames(): string[] {
  return BUILTINS.filter((b) => !b.deprecated).map((b) => b.name);
}
