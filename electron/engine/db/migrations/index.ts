import type { Migration } from '../migration';
import { migration0001 } from './0001-init';
import { migration0002 } from './0002-responsible-use';
import { migration0003 } from './0003-segments';
import { migration0004 } from './0004-import';
import { migration0005 } from './0005-clusters';
import { migration0006 } from './0006-clv';
import { migration0007 } from './0007-rfm-details';

/** In order; a migration's `version` equals its position + 1 (a test checks). */
export const MIGRATIONS: readonly Migration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007];
