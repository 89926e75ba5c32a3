import { CreateIdentity1763800000000 } from './1763800000000-CreateIdentity';
import { CreateAudit1763800000100 } from './1763800000100-CreateAudit';
import { CreateCalendarOverrides1763800002000 } from './1763800002000-CreateCalendarOverrides';

/** Every migration, in order. Listed explicitly so source (tests) and compiled code agree. */
export const MIGRATIONS = [
  CreateIdentity1763800000000,
  CreateAudit1763800000100,
  CreateCalendarOverrides1763800002000,
];
