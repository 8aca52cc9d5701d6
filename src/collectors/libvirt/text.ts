/**
 * Parsers for virsh's text output (run with `LC_ALL=C`). Pure.
 */

/** `list --uuid`, `net-list --uuid`, `pool-list --uuid`: one value per line. */
export function parseLines(out: string): string[] {
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
}

/** `dominfo`, `net-info`, `pool-info`, `nodeinfo`: `Key:   value` lines. */
export function parseKeyValues(out: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of out.split('\n')) {
    const i = line.indexOf(':');
    if (i <= 0) continue;
    map.set(line.slice(0, i).trim(), line.slice(i + 1).trim());
  }
  return map;
}

/** `yes`/`enable` → true, `no`/`disable` → false, anything else (or absent) → null. */
export function parseYesNo(value: string | undefined): boolean | null {
  if (value === undefined) return null;
  const v = value.trim().toLowerCase();
  if (v === 'yes' || v === 'enable' || v === 'enabled') return true;
  if (v === 'no' || v === 'disable' || v === 'disabled') return false;
  return null;
}

/** A leading integer (`16`, `2400 MHz`, `67108864 KiB`), or null. */
export function parseLeadingInt(value: string | undefined): number | null {
  const m = value === undefined ? null : /^\s*(\d+)/.exec(value);
  return m ? Number(m[1]) : null;
}

/**
 * `vol-list POOL`: a table with `Name` and `Path` columns. virsh pads every cell to its column's
 * width, so the header's column offsets also cut each row, even when a name contains spaces.
 */
export function parseVolList(out: string): { name: string; path: string }[] {
  const lines = out.split('\n');
  const headerIndex = lines.findIndex((l) => /^\s*Name\s+Path\s*$/.test(l));
  const header = lines[headerIndex];
  if (header === undefined) throw new Error(`unexpected vol-list output (no 'Name Path' header): ${out.slice(0, 200)}`);
  const nameAt = header.indexOf('Name');
  const pathAt = header.indexOf('Path');
  const rows: { name: string; path: string }[] = [];
  for (const line of lines.slice(headerIndex + 1)) {
    if (line.trim() === '' || /^-+$/.test(line.trim())) continue;
    rows.push({ name: line.slice(nameAt, pathAt).trim(), path: line.slice(pathAt).trim() });
  }
  return rows;
}
