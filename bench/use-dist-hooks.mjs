// Resolve hook for bench/use-dist.mjs: src/<path>.ts → dist/<path>.js when the compiled file exists.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const src = `${root}src/`;
const dist = `${root}dist/`;

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  if (!resolved.url.startsWith('file:')) return resolved;
  const path = fileURLToPath(resolved.url);
  if (!path.startsWith(src) || !path.endsWith('.ts')) return resolved;
  const compiled = `${dist}${path.slice(src.length, -'.ts'.length)}.js`;
  return existsSync(compiled) ? { ...resolved, url: pathToFileURL(compiled).href, format: 'module' } : resolved;
}
