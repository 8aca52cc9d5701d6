/** Shapes shared by the secrets scanner, its correlation with the inventory and its outputs. */
import type { DetectorId } from '../detectors.js';

/** Where a match was found. Never holds the secret or the line's text. */
export interface LeakLocation {
  /** Path relative to the scanned folder, `/`-separated. */
  file: string;
  /** 1-based line (in the file, or in the file as of `commit`). */
  line: number;
  /** Commit that added the line (`--git-history`), else null (the working tree). */
  commit: string | null;
  /** Author date of that commit (ISO 8601). */
  authorDate: string | null;
}

/** One match at one place, after the allow-list. */
export interface LeakHit {
  detector: DetectorId;
  masked: string;
  fingerprint: string;
  example: boolean;
  location: LeakLocation;
  /** The allow-list entry that accepted it, or null. */
  allowed: { reason: string; source: string } | null;
  /** For an AWS key id: a secret access key sits within a few lines of it. */
  pairedSecret?: boolean;
}

/** A file or folder the scanner did not read, and why. */
export interface SkippedPath {
  file: string;
  reason: 'binary' | 'too-large' | 'symlink-outside' | 'symlink-directory' | 'unreadable';
}

export interface ScanOutcome {
  /** Absolute path of the scanned folder. */
  root: string;
  hits: LeakHit[];
  filesScanned: number;
  commitsScanned: number | null;
  skipped: SkippedPath[];
}

/** One distinct secret (by detector and fingerprint) with every place it was found. */
export interface Leak {
  detector: DetectorId;
  masked: string;
  fingerprint: string;
  example: boolean;
  /** Sorted: working tree first, then history by date. */
  locations: LeakLocation[];
  /** AWS key ids: the matching secret access key was found next to it at least once. */
  secretExposed: boolean;
}
