import type { Migration } from '../migrate';
import { migration0001 } from './0001-init';

/** In order; a migration's `version` equals its position + 1 (a test checks). */
export const MIGRATIONS: readonly Migration[] = [migration0001];
