import type { Verdict } from '../types';
import type { GateReason } from './gate';

/** The verdict on a page the gate turned away (or before the background has judged it). */
export function gateVerdict(reason: GateReason): Verdict {
  return { isPolicy: false, score: 0, reasons: [reason] };
}
