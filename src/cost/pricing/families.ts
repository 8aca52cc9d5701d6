/**
 * Instance-type naming: family (series), ladder (types that differ only in size) and the explicit
 * previous-generation → current-generation table. Pure functions, shared by the refresh script and
 * the catalog API. The table is cloudwarden's own choice, documented in docs/pricing.md.
 */
import type { CloudProvider } from './types.js';

export interface TypeName {
  /** `m5`, `n2`, `Dsv5`. */
  family: string;
  /** `m5`, `n2-standard`, `Dsv5`; variants that are not a plain size step get their own ladder. */
  ladder: string;
  /** False for sizes that are never a right-sizing target (bare metal, constrained-core). */
  ladderStep: boolean;
}

const AWS_TYPE = /^([a-z][a-z0-9-]*)\.([a-z0-9-]+)$/;
const GCP_TYPE = /^([a-z][a-z0-9]*)-([a-z]+)-(\d+)(-[a-z0-9-]+)?$/;
const GCP_SHARED = /^(e2)-(micro|small|medium)$/;
const AZURE_TYPE = /^(Standard|Basic)_([A-Z]+)(\d+)(-\d+)?([a-z]*)(?:_(v\d+))?(?:_([A-Za-z0-9_]+))?$/;

/** Splits an instance type into family and ladder; undefined when the name has no known shape. */
export function parseTypeName(provider: CloudProvider, type: string): TypeName | undefined {
  switch (provider) {
    case 'aws': {
      const m = AWS_TYPE.exec(type);
      if (!m?.[1] || !m[2]) return undefined;
      return { family: m[1], ladder: m[1], ladderStep: !m[2].includes('metal') };
    }
    case 'gcp': {
      const shared = GCP_SHARED.exec(type);
      if (shared?.[1]) return { family: shared[1], ladder: `${shared[1]}-shared-core`, ladderStep: true };
      const m = GCP_TYPE.exec(type);
      if (m?.[1] && m[2]) {
        const variant = m[4] ?? '';
        return { family: m[1], ladder: `${m[1]}-${m[2]}${variant}`, ladderStep: !variant.includes('metal') };
      }
      // f1-micro, g1-small and other one-off shared-core names.
      const dash = type.indexOf('-');
      if (dash > 0) return { family: type.slice(0, dash), ladder: type, ladderStep: true };
      return undefined;
    }
    case 'azure': {
      const m = AZURE_TYPE.exec(type);
      if (!m?.[1] || !m[2]) return undefined;
      const [, tier, letters, , constrained, suffix = '', version, extra] = m;
      let family = `${letters}${suffix}${version ?? ''}`;
      // First-generation B-series sizes (B1s, B2ms, B4ms …) form one ladder.
      if (letters === 'B' && !version) family = 'B';
      if (tier === 'Basic') family = `Basic${family}`;
      let ladder = family;
      if (extra) ladder = `${family}_${extra}`;
      if (constrained) ladder = `${family}-constrained`;
      return { family, ladder, ladderStep: !constrained && !extra };
    }
  }
}

/**
 * Previous-generation family → the like-for-like current family cloudwarden suggests instead:
 * same role (general purpose, compute, memory, burstable, storage) and, where one exists, the same
 * CPU vendor and architecture, so the move needs no new image. The successor is not always cheaper
 * per hour (n1 → n2 is about 2 % dearer in us-central1; a1 → m6g is dearer): cost rules must
 * compare the two prices. A family in this table is `previous` generation; every other is `current`.
 */
export const SUCCESSOR_FAMILY: Record<CloudProvider, Readonly<Record<string, string>>> = {
  aws: {
    a1: 'm6g',
    c1: 'c6i',
    c3: 'c6i',
    c4: 'c6i',
    cr1: 'r6i',
    d2: 'd3',
    i2: 'i3',
    m1: 'm6i',
    m2: 'r6i',
    m3: 'm6i',
    m4: 'm6i',
    r3: 'r6i',
    r4: 'r6i',
    t1: 't3',
    t2: 't3',
  },
  gcp: {
    f1: 'e2',
    g1: 'e2',
    n1: 'n2',
  },
  azure: {
    A: 'Av2',
    D: 'Dv5',
    DS: 'Dsv5',
    Dv2: 'Dv5',
    DSv2: 'Dsv5',
    Dv3: 'Dv5',
    Dsv3: 'Dsv5',
    Ev3: 'Ev5',
    Esv3: 'Esv5',
    F: 'Fsv2',
    Fs: 'Fsv2',
    Ls: 'Lsv3',
  },
};

/**
 * The ladder of the successor family that corresponds to a previous-generation type's ladder:
 * `n1-highmem` → `n2-highmem`, `m4` → `m6i`, `f1-micro` → `e2-shared-core`.
 */
export function successorLadder(provider: CloudProvider, name: TypeName, type: string): string | undefined {
  const to = SUCCESSOR_FAMILY[provider][name.family];
  if (!to) return undefined;
  if (provider === 'gcp') {
    if (name.family === 'f1' || name.family === 'g1') return 'e2-shared-core';
    return `${to}${name.ladder.slice(name.family.length)}`;
  }
  // Azure D/DS v1 and v2 sizes 11–15 are the memory-optimized ones: their successor is E, not D.
  const size = Number(/^(?:Standard|Basic)_[A-Z]+(\d+)/.exec(type)?.[1]);
  if (provider === 'azure' && ['D', 'DS', 'Dv2', 'DSv2'].includes(name.family) && size >= 11 && size <= 15) {
    return name.family.startsWith('DS') ? 'Esv5' : 'Ev5';
  }
  return to;
}

/** Type-level exceptions to the family table, where the same-shape rule picks the wrong size. */
export const SUCCESSOR_TYPE: Record<CloudProvider, Readonly<Record<string, string>>> = {
  aws: {},
  // Google's own guidance for the retired shared-core types.
  gcp: { 'f1-micro': 'e2-micro', 'g1-small': 'e2-small' },
  azure: {},
};
