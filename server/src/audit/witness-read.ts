/**
 * Reading a witness back for verification: the witness file under `keys/`, or a copy of it, or
 * the lines a syslog collector received (with `lenient`, lines without a checkpoint, such as
 * forwarded entries, are skipped and counted; in the witness file itself each one is reported).
 */
import { readFileSync } from 'node:fs';
import { AppError } from '../app/index.ts';
import type { AuditCheckpoint } from './checkpoint.ts';
import { mentionsCheckpoint, parseWitnessLine } from './witness-line.ts';

/** A checkpoint found in a witness, with its line number (1-based). */
export interface WitnessedCheckpoint {
  readonly line: number;
  readonly checkpoint: AuditCheckpoint;
}

/** What a witness holds. */
export interface WitnessContent {
  /** The file it came from, for messages. */
  readonly source: string;
  /** False when there is no such file. */
  readonly exists: boolean;
  readonly checkpoints: readonly WitnessedCheckpoint[];
  /** Lines that should hold a checkpoint and do not parse. */
  readonly malformed: readonly { readonly line: number; readonly text: string }[];
  /** Lines without a checkpoint that were skipped (lenient reading only). */
  readonly skippedLines: number;
}

/** Parses a witness's text. */
export function parseWitness(text: string, source: string, lenient = false): WitnessContent {
  const checkpoints: WitnessedCheckpoint[] = [];
  const malformed: { line: number; text: string }[] = [];
  let skippedLines = 0;
  text.split('\n').forEach((raw, i) => {
    const t = raw.trim();
    if (t === '' || t.startsWith('#')) return;
    const c = parseWitnessLine(t);
    if (c) checkpoints.push({ line: i + 1, checkpoint: c });
    else if (lenient && !mentionsCheckpoint(t)) skippedLines += 1;
    else malformed.push({ line: i + 1, text: t.slice(0, 120) });
  });
  return { source, exists: true, checkpoints, malformed, skippedLines };
}

/** Reads the witness at `path`; a missing file gives `exists: false`, other errors throw. */
export function readWitnessFile(path: string, lenient = false): WitnessContent {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      return { source: path, exists: false, checkpoints: [], malformed: [], skippedLines: 0 };
    }
    throw new AppError('unavailable', `audit witness ${path} cannot be read`, undefined, e);
  }
  return parseWitness(text, path, lenient);
}
