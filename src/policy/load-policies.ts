/**
 * Loads policy folders: every `.rego` file below each folder. `lib/` holds shared helpers,
 * `*_test.rego` files hold tests, and every other file is one check whose METADATA is validated.
 * All problems are collected and reported together, each with file, line and field.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PolicyInfo } from '../results/schema.js';
import { InputError } from '../util/errors.js';
import { validateCheckMetadata, type IncrementalReach } from './check-metadata.js';
import { compileModules, listRules, RegoCompileError, type CompiledPolicySet, type ModuleSource } from './rego/index.js';

/** The policies that ship with cloudwarden. */
export const BUILTIN_POLICY_DIR = fileURLToPath(new URL('../../policies/', import.meta.url));

export interface LoadedCheck {
  info: PolicyInfo;
  /** Absolute path of the check file. */
  path: string;
  /** `data.` path of the check's `deny` rule. */
  denyPath: string;
  /** METADATA `custom.incremental`: how far a finding's inputs reach; null when not declared. */
  incremental: IncrementalReach | null;
}

export interface LoadedPolicies {
  compiled: CompiledPolicySet;
  /** Checks sorted by id. */
  checks: LoadedCheck[];
  /** Test files loaded (only with `includeTests`). */
  testFiles: string[];
  folders: string[];
}

export class PolicyLoadError extends InputError {
  constructor(readonly problems: string[]) {
    super(`policy problems (${problems.length}):\n  ${problems.join('\n  ')}`);
    this.name = 'PolicyLoadError';
  }
}

async function listRegoFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.')) await walk(p);
      } else if (e.isFile() && e.name.endsWith('.rego')) out.push(p);
    }
  };
  await walk(dir);
  return out;
}

function isLib(rel: string): boolean {
  return rel.split('/')[0] === 'lib';
}

function metadataLine(source: string): number {
  const idx = source.split('\n').findIndex((l) => /^#\s*METADATA\s*$/.test(l.trim()));
  return idx >= 0 ? idx + 1 : 1;
}

/** Loads and compiles the given folders (built-in first, then the user's). */
export async function loadPolicies(folders: string[], options: { includeTests?: boolean } = {}): Promise<LoadedPolicies> {
  const problems: string[] = [];
  const modules: ModuleSource[] = [];
  const checkFiles: { path: string; rel: string; source: string }[] = [];
  const testFiles: string[] = [];
  const absFolders = folders.map((f) => resolve(f));
  for (const folder of absFolders) {
    let isDir = false;
    try {
      isDir = (await stat(folder)).isDirectory();
    } catch {
      problems.push(`${folder}: no such policy folder`);
      continue;
    }
    if (!isDir) {
      problems.push(`${folder}: expected a folder of .rego files`);
      continue;
    }
    for (const path of await listRegoFiles(folder)) {
      const rel = relative(folder, path).split(sep).join('/');
      const source = await readFile(path, 'utf8');
      const isTest = rel.endsWith('_test.rego');
      if (isTest) {
        if (!options.includeTests) continue;
        testFiles.push(path);
      }
      modules.push({ path, source });
      if (!isTest && !isLib(rel)) checkFiles.push({ path, rel, source });
    }
  }
  if (problems.length) throw new PolicyLoadError(problems);
  let compiled: CompiledPolicySet;
  try {
    compiled = compileModules(modules);
  } catch (e) {
    if (e instanceof RegoCompileError) throw new PolicyLoadError([e.message]);
    throw e;
  }
  const rules = listRules(compiled);
  const checks: LoadedCheck[] = [];
  const seenIds = new Map<string, string>();
  for (const file of checkFiles) {
    const fileRules = rules.filter((r) => r.file === file.path);
    const deny = fileRules.find((r) => r.path.endsWith('.deny'));
    const line = metadataLine(file.source);
    if (!deny) {
      problems.push(`${file.path}:${line}: a check must define "deny contains result if { ... }" (library code belongs in lib/)`);
      continue;
    }
    const packagePath = deny.path.slice(0, -'.deny'.length);
    const annotations = deny.packageAnnotations.find((a) => a.scope === 'package' || a.scope === 'subpackages');
    const result = validateCheckMetadata(annotations, { file: file.path, relativePath: file.rel, packagePath });
    if (!result.info) {
      for (const p of result.problems) problems.push(`${file.path}:${line}: METADATA ${p.field}: ${p.message}`);
      continue;
    }
    const other = seenIds.get(result.info.id);
    if (other) {
      problems.push(`${file.path}:${line}: METADATA custom.id: "${result.info.id}" is already used by ${other}`);
      continue;
    }
    seenIds.set(result.info.id, file.path);
    checks.push({ info: result.info, path: file.path, denyPath: deny.path, incremental: result.incremental });
  }
  if (problems.length) throw new PolicyLoadError(problems);
  checks.sort((a, b) => (a.info.id < b.info.id ? -1 : 1));
  return { compiled, checks, testFiles, folders: absFolders };
}
