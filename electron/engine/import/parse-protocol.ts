import type { AppErrorData } from '../../../shared/contract/result';
import type { EncodedBatch } from './encode';
import type { ProduceEnd, ProduceSpec } from './produce';

/** Parsing thread → import thread. */
export type FromParser = { type: 'batches'; batches: EncodedBatch[] } | { type: 'end'; end: ProduceEnd } | { type: 'error'; error: AppErrorData };

/**
 * Import thread → parsing thread: the plan to parse (once), and credits: one more batch may be sent
 * (flow control: the parser runs at most CREDITS batches ahead of the writer).
 */
export type ToParser = { type: 'start'; spec: ProduceSpec } | { type: 'credit'; count: number };

export const CREDITS = 16;
/** Batches (each one parsed chunk of ~32 KB) per message. */
export const GROUP = 4;
/** The writer returns credits this many at a time. */
export const CREDIT_BUNCH = 4;
