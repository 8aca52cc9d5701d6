/**
 * User price sheets: extend or override the shipped catalog (negotiated rates, missing SKUs) and
 * price libvirt/on-prem resources from per-vCPU, per-GiB and per-GB rates, OpenCost-style.
 * YAML or CSV; the format is documented in docs/pricing.md. Every problem is reported as
 * `FILE:LINE:COL: PATH: what was expected, got VALUE`.
 */
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode, Pair } from 'yaml';
import { InputError } from '../../util/errors.js';
import { PROVIDERS } from '../../graph/schema.js';
import type { PriceUnit, Provider } from './types.js';

/** Prices for one provider and region (or `*`, any region) from a sheet. */
export interface RegionOverrides {
  instances: Map<string, number>;
  disks: Map<string, number>;
  diskTiers: Map<string, number>;
  snapshotGBMonth?: number;
  publicIp: { inUse?: number; idle?: number };
  natGateway: { hourly?: number; perGB?: number };
  spotDiscount: Map<string, number>;
  rates: { vcpuHour?: number; ramGiBHour?: number; publicIpHour?: number; storageGBMonth: Map<string, number> };
}

export interface PriceOverrides {
  /** The path as given by the user. */
  file: string;
  /** The sheet's `date:` or, without one, the file's modification date (YYYY-MM-DD). */
  date: string;
  providers: Map<Provider, Map<string, RegionOverrides>>;
}

export class PriceSheetError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'PriceSheetError';
  }
}

type Section = 'instances' | 'disks' | 'diskTiers' | 'snapshotGBMonth' | 'publicIp' | 'natGateway' | 'spotDiscount' | 'rates';
const SECTIONS: readonly Section[] = ['instances', 'disks', 'diskTiers', 'snapshotGBMonth', 'publicIp', 'natGateway', 'spotDiscount', 'rates'];
const RATE_KEYS = ['vcpuHour', 'ramGiBHour', 'publicIpHour', 'storageGBMonth'] as const;

/** The unit of each section's values, for messages and docs. */
function unitOf(section: Section, key: string | undefined): PriceUnit {
  switch (section) {
    case 'instances':
      return 'USD/hour';
    case 'disks':
    case 'snapshotGBMonth':
      return 'USD/GB-month';
    case 'diskTiers':
      return 'USD/disk-month';
    case 'publicIp':
      return 'USD/hour';
    case 'natGateway':
      return key === 'perGB' ? 'USD/GB' : 'USD/hour';
    case 'spotDiscount':
      return 'fraction-of-on-demand';
    case 'rates':
      if (key === 'vcpuHour') return 'USD/vCPU-hour';
      if (key === 'ramGiBHour') return 'USD/GiB-hour';
      if (key === 'publicIpHour') return 'USD/hour';
      return 'USD/GB-month';
  }
}

function emptyRegion(): RegionOverrides {
  return {
    instances: new Map(),
    disks: new Map(),
    diskTiers: new Map(),
    publicIp: {},
    natGateway: {},
    spotDiscount: new Map(),
    rates: { storageGBMonth: new Map() },
  };
}

interface Pos {
  line: number;
  col: number;
}

class SheetBuilder {
  readonly providers = new Map<Provider, Map<string, RegionOverrides>>();
  constructor(readonly file: string) {}

  fail(pos: Pos, path: string, what: string): never {
    throw new PriceSheetError(`${this.file}:${pos.line}:${pos.col}: ${path ? `${path}: ` : ''}${what}`);
  }

  provider(name: string, pos: Pos): Provider {
    const p = PROVIDERS.find((x) => x === name);
    if (!p) this.fail(pos, name, `unknown provider, expected one of ${PROVIDERS.join(', ')}`);
    return p;
  }

  region(provider: Provider, region: string, pos: Pos): RegionOverrides {
    if (!/^(\*|[A-Za-z0-9][A-Za-z0-9._-]*)$/.test(region)) this.fail(pos, `${provider}.${region}`, 'expected a region name or "*"');
    let regions = this.providers.get(provider);
    if (!regions) this.providers.set(provider, (regions = new Map()));
    let r = regions.get(region);
    if (!r) regions.set(region, (r = emptyRegion()));
    return r;
  }

  section(path: string, name: string, pos: Pos): Section {
    const s = SECTIONS.find((x) => x === name);
    if (!s) this.fail(pos, path, `unknown section "${name}", expected one of ${SECTIONS.join(', ')}`);
    return s;
  }

  /** Validates and stores one value. `key` is undefined only for scalar sections. */
  set(r: RegionOverrides, path: string, section: Section, key: string | undefined, raw: unknown, pos: Pos): void {
    const unit = unitOf(section, key);
    const value = this.number(raw, path, unit, pos, section === 'spotDiscount');
    const needKey = (): string => {
      if (key === undefined || key === '') this.fail(pos, path, `expected a key (${section} takes a map of names to prices)`);
      return key;
    };
    switch (section) {
      case 'instances':
        r.instances.set(needKey(), value);
        return;
      case 'disks':
        r.disks.set(needKey(), value);
        return;
      case 'diskTiers':
        r.diskTiers.set(needKey(), value);
        return;
      case 'spotDiscount':
        r.spotDiscount.set(needKey(), value);
        return;
      case 'snapshotGBMonth':
        if (key !== undefined && key !== '') this.fail(pos, path, 'expected a single number, not a map');
        r.snapshotGBMonth = value;
        return;
      case 'publicIp': {
        const k = needKey();
        if (k !== 'inUse' && k !== 'idle') this.fail(pos, path, `unknown key "${k}", expected inUse or idle`);
        r.publicIp[k] = value;
        return;
      }
      case 'natGateway': {
        const k = needKey();
        if (k !== 'hourly' && k !== 'perGB') this.fail(pos, path, `unknown key "${k}", expected hourly or perGB`);
        r.natGateway[k] = value;
        return;
      }
      case 'rates': {
        const k = needKey();
        if (k === 'storageGBMonth') r.rates.storageGBMonth.set('default', value);
        else if (k.startsWith('storageGBMonth.')) r.rates.storageGBMonth.set(k.slice('storageGBMonth.'.length), value);
        else if (k === 'vcpuHour' || k === 'ramGiBHour' || k === 'publicIpHour') r.rates[k] = value;
        else this.fail(pos, path, `unknown rate "${k}", expected one of ${RATE_KEYS.join(', ')}`);
        return;
      }
    }
  }

  number(raw: unknown, path: string, unit: PriceUnit, pos: Pos, fraction: boolean): number {
    const expected = fraction ? `a number between 0 and 1 (${unit})` : `a non-negative number (${unit})`;
    if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0 || (fraction && raw > 1)) {
      const got = raw instanceof Shape ? raw.name : (JSON.stringify(raw) ?? String(raw));
      this.fail(pos, path, `expected ${expected}, got ${got}`);
    }
    return raw;
  }
}

// ---------------------------------------------------------------------------------------------
// YAML

/** A node's value for validation: the scalar itself, or a marker naming a collection. */
class Shape {
  constructor(readonly name: string) {}
  toJSON(): string {
    return `<${this.name}>`;
  }
}

function scalarOrShape(node: YamlNode | null | undefined): unknown {
  if (node === null || node === undefined) return null;
  if (isScalar(node)) return node.value;
  return new Shape(isMap(node) ? 'a mapping' : isSeq(node) ? 'a list' : 'an alias');
}

function yamlPos(lc: LineCounter, node: YamlNode | Pair | null | undefined): Pos {
  const offset = node && 'range' in node && node.range ? node.range[0] : 0;
  return lc.linePos(offset);
}

function keyText(b: SheetBuilder, lc: LineCounter, pair: Pair, path: string): string {
  const k = pair.key;
  if (isScalar(k) && (typeof k.value === 'string' || typeof k.value === 'number')) return String(k.value);
  return b.fail(yamlPos(lc, k as YamlNode | null), path, 'expected a plain key');
}

function parseYamlSheet(file: string, text: string): { builder: SheetBuilder; date?: string } {
  const b: SheetBuilder = new SheetBuilder(file);
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  const err = doc.errors[0];
  if (err) {
    const at = err.linePos?.[0] ?? { line: 1, col: 1 };
    const msg = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? err.message;
    b.fail(at, '', `invalid YAML: ${msg}`);
  }
  const root = doc.contents;
  if (root === null) return { builder: b };
  if (!isMap(root)) b.fail(yamlPos(lc, root), '', 'expected a mapping of providers (aws, gcp, azure, libvirt) at the top level');
  let date: string | undefined;
  for (const top of root.items) {
    const name = keyText(b, lc, top, '');
    const valueNode = top.value as YamlNode | null;
    if (name === 'date' || name === 'currency') {
      const v = isScalar(valueNode) ? valueNode.value : undefined;
      const s = v instanceof Date ? v.toISOString().slice(0, 10) : typeof v === 'string' ? v : undefined;
      if (name === 'date') {
        if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) b.fail(yamlPos(lc, valueNode), 'date', `expected a date YYYY-MM-DD, got ${JSON.stringify(v ?? null)}`);
        date = s;
      } else if (s !== 'USD') {
        b.fail(yamlPos(lc, valueNode), 'currency', `expected "USD" (the only currency of the catalog), got ${JSON.stringify(v ?? null)}`);
      }
      continue;
    }
    const provider = b.provider(name, yamlPos(lc, top.key as YamlNode));
    if (!isMap(valueNode)) b.fail(yamlPos(lc, valueNode ?? (top.key as YamlNode)), provider, 'expected a mapping of regions (or "*")');
    for (const regionPair of valueNode.items) {
      const region = keyText(b, lc, regionPair, provider);
      const rPath = `${provider}.${region}`;
      const r = b.region(provider, region, yamlPos(lc, regionPair.key as YamlNode));
      const sections = regionPair.value as YamlNode | null;
      if (!isMap(sections)) b.fail(yamlPos(lc, sections ?? (regionPair.key as YamlNode)), rPath, `expected a mapping of sections (${SECTIONS.join(', ')})`);
      for (const sectionPair of sections.items) {
        const sName = keyText(b, lc, sectionPair, rPath);
        const sPath = `${rPath}.${sName}`;
        const section = b.section(rPath, sName, yamlPos(lc, sectionPair.key as YamlNode));
        const v = sectionPair.value as YamlNode | null;
        if (section === 'snapshotGBMonth') {
          b.set(r, sPath, section, undefined, scalarOrShape(v), yamlPos(lc, v ?? (sectionPair.key as YamlNode)));
          continue;
        }
        if (!isMap(v)) b.fail(yamlPos(lc, v ?? (sectionPair.key as YamlNode)), sPath, 'expected a mapping of names to prices');
        for (const item of v.items) {
          const key = keyText(b, lc, item, sPath);
          const iPath = `${sPath}.${key}`;
          const valueNode2 = item.value as YamlNode | null;
          if (section === 'rates' && key === 'storageGBMonth' && isMap(valueNode2)) {
            for (const pool of valueNode2.items) {
              const poolName = keyText(b, lc, pool, iPath);
              const pv = pool.value as YamlNode | null;
              b.set(r, `${iPath}.${poolName}`, section, `storageGBMonth.${poolName}`, scalarOrShape(pv), yamlPos(lc, pv ?? (pool.key as YamlNode)));
            }
            continue;
          }
          const raw = scalarOrShape(valueNode2);
          b.set(r, iPath, section, key, raw, yamlPos(lc, valueNode2 ?? (item.key as YamlNode)));
        }
      }
    }
  }
  return date === undefined ? { builder: b } : { builder: b, date };
}

// ---------------------------------------------------------------------------------------------
// CSV: provider,region,section,key,value

const CSV_HEADER = ['provider', 'region', 'section', 'key', 'value'];

/** Splits one CSV line into fields with their 1-based start columns (double quotes supported). */
function splitCsvLine(line: string): Array<{ text: string; col: number }> {
  const out: Array<{ text: string; col: number }> = [];
  let i = 0;
  while (i <= line.length) {
    const start = i;
    let text = '';
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          text += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else text += line[i++];
      }
      while (i < line.length && line[i] !== ',') i++;
    } else {
      while (i < line.length && line[i] !== ',') text += line[i++];
    }
    out.push({ text: text.trim(), col: start + 1 });
    i++;
  }
  return out;
}

function parseCsvSheet(file: string, text: string): { builder: SheetBuilder; date?: string } {
  const b: SheetBuilder = new SheetBuilder(file);
  const lines = text.split(/\r?\n/);
  let header = false;
  lines.forEach((line, idx) => {
    const lineNo = idx + 1;
    if (line.trim() === '' || line.trimStart().startsWith('#')) return;
    const fields = splitCsvLine(line);
    if (!header) {
      const names = fields.map((f) => f.text);
      if (names.join(',') !== CSV_HEADER.join(',')) b.fail({ line: lineNo, col: 1 }, '', `expected the header "${CSV_HEADER.join(',')}", got "${line.trim()}"`);
      header = true;
      return;
    }
    if (fields.length !== CSV_HEADER.length) {
      b.fail({ line: lineNo, col: 1 }, '', `expected ${CSV_HEADER.length} fields (${CSV_HEADER.join(',')}), got ${fields.length}`);
    }
    const [p, rg, s, k, v] = fields as [(typeof fields)[0], (typeof fields)[0], (typeof fields)[0], (typeof fields)[0], (typeof fields)[0]];
    const provider = b.provider(p.text, { line: lineNo, col: p.col });
    const r = b.region(provider, rg.text, { line: lineNo, col: rg.col });
    const rPath = `${provider}.${rg.text}`;
    const section = b.section(rPath, s.text, { line: lineNo, col: s.col });
    const path = k.text ? `${rPath}.${section}.${k.text}` : `${rPath}.${section}`;
    const num = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(v.text) ? Number(v.text) : v.text;
    b.set(r, path, section, k.text === '' ? undefined : k.text, num, { line: lineNo, col: v.col });
  });
  if (!header) b.fail({ line: 1, col: 1 }, '', `expected the header "${CSV_HEADER.join(',')}"`);
  return { builder: b };
}

// ---------------------------------------------------------------------------------------------

/** Parses a sheet from text; `file` names it in messages and provenance. */
export function parsePriceSheet(file: string, text: string, fallbackDate: string): PriceOverrides {
  const ext = extname(file).toLowerCase();
  const { builder, date } = ext === '.csv' ? parseCsvSheet(file, text) : parseYamlSheet(file, text);
  return { file, date: date ?? fallbackDate, providers: builder.providers };
}

/** Reads and validates a price sheet (`.yaml`, `.yml` or `.csv`). */
export function loadPriceSheet(file: string): PriceOverrides {
  const ext = extname(file).toLowerCase();
  if (!['.yaml', '.yml', '.csv'].includes(ext)) throw new PriceSheetError(`${file}: expected a .yaml, .yml or .csv price sheet`);
  let text: string;
  let mtime: Date;
  try {
    text = readFileSync(file, 'utf8');
    mtime = statSync(file).mtime;
  } catch (e) {
    throw new PriceSheetError(`${file}: cannot read the price sheet: ${(e as Error).message}`);
  }
  return parsePriceSheet(file, text, mtime.toISOString().slice(0, 10));
}

/** The sheet's values for a provider and region: the region's own first, then `*`. */
export function overridesFor(o: PriceOverrides | undefined, provider: Provider, region: string): RegionOverrides[] {
  const regions = o?.providers.get(provider);
  if (!regions) return [];
  const out: RegionOverrides[] = [];
  const exact = regions.get(region);
  if (exact) out.push(exact);
  const any = regions.get('*');
  if (any && region !== '*') out.push(any);
  return out;
}
