/**
 * Layout of a toxic combination's attack path as a small SVG diagram: the path's nodes as boxes
 * left to right (four to a row, rows continuing below), labelled arrows between them. Only
 * coordinates and display strings are computed here; the template draws them with escaped text.
 */
import type { PathStep } from '../../results/schema.js';
import { cell, clip, visible } from './text.js';

/** What is known of a resource beyond its id (from findings and savings on it). */
export type KnownResource = { kind: string | null; name: string | null };

export type PathBox = {
  x: number;
  y: number;
  /** Resource type, short: `iam role`, `storage.bucket`. */
  type: string;
  /** Resource name, cut to fit. */
  name: string;
  /** Full id for the tooltip. */
  id: string;
  /** `Entry point`, `Impact` or empty. */
  role: string;
  textX: number;
  /** Baselines of the text lines: role (when there is one), type, name. */
  roleY: number;
  typeY: number;
  nameY: number;
  boxW: number;
  boxH: number;
};

export type PathArrow = {
  /** SVG path data. */
  d: string;
  label: string;
  labelX: number;
  labelY: number;
};

export type PathDiagram = {
  width: number;
  height: number;
  boxes: PathBox[];
  arrows: PathArrow[];
  /** The whole path as one sentence, for screen readers. */
  description: string;
};

const BOX_W = 200;
const BOX_H = 64;
const GAP_X = 120;
const GAP_Y = 56;
const PAD = 8;
const PER_ROW = 4;

/** Type and short name read from a provider id (ARN, GCP full name, Azure id, libvirt URI). */
export function describeResourceId(id: string): { type: string; name: string } {
  if (id.startsWith('arn:')) {
    const parts = id.split(':');
    const service = parts[2] ?? '';
    const resource = parts.slice(5).join(':');
    const segs = resource.split(/[/:]/).filter((s) => s !== '');
    const type = segs.length > 1 ? `${service} ${segs[0]}` : service;
    return { type, name: segs[segs.length - 1] ?? resource };
  }
  if (id.startsWith('//')) {
    const segs = id.slice(2).split('/').filter((s) => s !== '');
    const service = (segs[0] ?? '').split('.')[0] ?? '';
    const kind = segs.length >= 3 ? segs[segs.length - 2] : undefined;
    return { type: kind ? `${service} ${kind}` : service, name: segs[segs.length - 1] ?? id };
  }
  if (id.toLowerCase().startsWith('/subscriptions/')) {
    const segs = id.split('/').filter((s) => s !== '');
    const kind = segs.length >= 2 ? segs[segs.length - 2] : undefined;
    return { type: kind ?? 'azure resource', name: segs[segs.length - 1] ?? id };
  }
  const libvirt = /^libvirt:\/\/[^/]*\/([^/]+)\/(.+)$/.exec(id);
  if (libvirt) return { type: `libvirt ${libvirt[1] ?? ''}`.trim(), name: libvirt[2] ?? id };
  const segs = id.split(/[/:]/).filter((s) => s !== '');
  return { type: 'resource', name: segs[segs.length - 1] ?? id };
}

/** Lays out `steps` (at least one). */
export function layoutPath(steps: PathStep[], known: ReadonlyMap<string, KnownResource>): PathDiagram {
  const n = steps.length;
  const rows = Math.ceil(n / PER_ROW);
  const cols = Math.min(n, PER_ROW);
  const width = PAD * 2 + cols * BOX_W + (cols - 1) * GAP_X;
  const height = PAD * 2 + rows * BOX_H + (rows - 1) * GAP_Y;
  const boxes: PathBox[] = [];
  const arrows: PathArrow[] = [];
  const words: string[] = [];
  steps.forEach((step, i) => {
    const col = i % PER_ROW;
    const row = Math.floor(i / PER_ROW);
    const x = PAD + col * (BOX_W + GAP_X);
    const y = PAD + row * (BOX_H + GAP_Y);
    const fromId = describeResourceId(step.nodeId);
    const k = known.get(step.nodeId);
    const type = k?.kind ?? fromId.type;
    const name = k?.name ?? fromId.name;
    const role = n > 1 && i === 0 ? 'Entry point' : n > 1 && i === n - 1 ? 'Impact' : '';
    boxes.push({ x, y, type: clip(visible(type), 30), name: clip(visible(name), 22), id: cell(step.nodeId, 600), role, textX: x + 12, roleY: y + 17, typeY: role ? y + 35 : y + 26, nameY: role ? y + 54 : y + 46, boxW: BOX_W, boxH: BOX_H });
    words.push(`${role ? `${role}: ` : ''}${visible(type)} ${visible(name)}`);
    if (i < n - 1) {
      const label = clip(visible(step.via ?? 'leads to'), 16);
      words.push(`then ${visible(step.via ?? 'leads to')} to`);
      if (col < PER_ROW - 1) {
        const x1 = x + BOX_W;
        const x2 = x + BOX_W + GAP_X - 4;
        const yMid = y + BOX_H / 2;
        arrows.push({ d: `M${x1} ${yMid}H${x2}`, label, labelX: (x1 + x2) / 2, labelY: yMid - 8 });
      } else {
        // End of a row: down from this box, back left, down into the first box of the next row.
        const xs = x + BOX_W / 2;
        const y1 = y + BOX_H;
        const yTurn = y1 + GAP_Y / 2;
        const xe = PAD + BOX_W / 2;
        const y2 = y + BOX_H + GAP_Y - 4;
        arrows.push({ d: `M${xs} ${y1}V${yTurn}H${xe}V${y2}`, label, labelX: (xs + xe) / 2, labelY: yTurn - 6 });
      }
    }
  });
  return { width, height, boxes, arrows, description: words.join(' ') };
}
