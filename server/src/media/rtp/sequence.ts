/**
 * RTP sequence-number tracking (after RFC 3550 appendix A.1): counts received, lost, duplicate
 * and reordered packets across 16-bit wraparound, and recognises a restarted sequence.
 */

/** How one packet relates to the ones before it. */
export type SequenceStatus =
  /** The first packet seen, or the first of a restarted sequence. */
  | 'first'
  /** The expected next packet. */
  | 'in-order'
  /** Ahead of the expected one: `lost` packets are missing before it. */
  | 'gap'
  /** A copy of a packet already received. */
  | 'duplicate'
  /** A packet arriving after later ones (it had been counted lost; no longer). */
  | 'late'
  /** Far from the sequence: ignored, unless the next packet follows it (then a restart). */
  | 'jump';

/** The verdict on one packet: how it fits (shared between packets: read it, do not keep or change it). */
export interface SequenceVerdict {
  status: SequenceStatus;
  /** Packets found missing with this packet (only for `gap`). */
  lost: number;
}

/** Counters since creation. */
export interface SequenceStats {
  received: number;
  lost: number;
  duplicates: number;
  reordered: number;
  restarts: number;
}

/** A jump larger than this (forwards) is not counted as loss. */
export const MAX_DROPOUT = 3000;
/** A packet at most this far behind is a late or duplicate packet, not a jump. */
export const MAX_MISORDER = 100;
const WINDOW = 1024;

/** Tracks one SSRC's sequence numbers. */
/** The verdict of nearly every packet, shared (no object per packet). */
const IN_ORDER: SequenceVerdict = Object.freeze({ status: 'in-order', lost: 0 });

export class RtpSequenceTracker {
  private highest = -1;
  private extendedHighest = 0;
  private jumpNext = -1;
  /** Extended number of the first packet of the current sequence. */
  private base = 0;
  /** Extended sequence numbers of recently received packets, by `seq % WINDOW`. */
  private readonly seen = new Float64Array(WINDOW).fill(-1);
  private readonly counters: SequenceStats = {
    received: 0,
    lost: 0,
    duplicates: 0,
    reordered: 0,
    restarts: 0,
  };

  /** Counters so far (a copy). */
  get stats(): SequenceStats {
    return { ...this.counters };
  }

  /** Packets found missing so far (`stats.lost` without the copy, read per packet). */
  get lost(): number {
    return this.counters.lost;
  }

  /** Records one packet's sequence number (0-65535) and says how it fits. */
  push(sequenceNumber: number): SequenceVerdict {
    const seq = sequenceNumber & 0xffff;
    if (this.highest < 0) return this.restart(seq, false);
    const ahead = (seq - this.highest) & 0xffff;
    if (ahead === 0) return this.duplicate();
    if (ahead < MAX_DROPOUT) {
      if (ahead > 1) this.counters.lost += ahead - 1;
      this.extendedHighest += ahead;
      this.highest = seq;
      this.accept(this.extendedHighest);
      this.jumpNext = -1;
      return ahead === 1 ? IN_ORDER : { status: 'gap', lost: ahead - 1 };
    }
    const behind = (this.highest - seq) & 0xffff;
    if (behind <= MAX_MISORDER) {
      const extended = this.extendedHighest - behind;
      this.counters.reordered++;
      if (extended < this.base) {
        // Older than the first packet seen: it was never counted as lost.
        this.counters.received++;
        return { status: 'late', lost: 0 };
      }
      if (this.seen[extended % WINDOW] === extended) {
        this.counters.reordered--;
        return this.duplicate();
      }
      this.accept(extended);
      this.counters.lost = Math.max(0, this.counters.lost - 1);
      return { status: 'late', lost: 0 };
    }
    if (seq === this.jumpNext) return this.restart(seq, true);
    this.jumpNext = (seq + 1) & 0xffff;
    return { status: 'jump', lost: 0 };
  }

  private restart(seq: number, counted: boolean): SequenceVerdict {
    if (counted) {
      // Continue above every extended number used so far, so the window stays unambiguous.
      this.counters.restarts++;
      this.extendedHighest = (Math.floor(this.extendedHighest / 0x10000) + 1) * 0x10000 + seq;
    } else {
      this.extendedHighest = seq + 0x10000;
    }
    this.base = this.extendedHighest;
    this.seen.fill(-1);
    this.highest = seq;
    this.jumpNext = -1;
    this.accept(this.extendedHighest);
    return { status: 'first', lost: 0 };
  }

  private accept(extended: number): void {
    this.seen[extended % WINDOW] = extended;
    this.counters.received++;
  }

  private duplicate(): SequenceVerdict {
    this.counters.duplicates++;
    return { status: 'duplicate', lost: 0 };
  }

  /** Counters as JSON (for stats endpoints). */
  toJSON(): SequenceStats {
    return this.stats;
  }
}
