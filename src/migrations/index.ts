import { CreateIdentity1763800000000 } from './1763800000000-CreateIdentity';
import { CreateAudit1763800000100 } from './1763800000100-CreateAudit';
import { CreateProcessDefinitions1763800001000 } from './1763800001000-CreateProcessDefinitions';
import { CreateProcessInstances1763800001100 } from './1763800001100-CreateProcessInstances';
import { CreateUserTasks1763800001200 } from './1763800001200-CreateUserTasks';
import { CreateIncidents1763800001300 } from './1763800001300-CreateIncidents';
import { CreateEscalations1763800001400 } from './1763800001400-CreateEscalations';
import { CreateInboxMessages1763800001500 } from './1763800001500-CreateInboxMessages';
import { CreateCalendarOverrides1763800002000 } from './1763800002000-CreateCalendarOverrides';

/** Every migration, in order. Listed explicitly so source (tests) and compiled code agree. */
export const MIGRATIONS = [
  CreateIdentity1763800000000,
  CreateAudit1763800000100,
  CreateProcessDefinitions1763800001000,
  CreateProcessInstances1763800001100,
  CreateUserTasks1763800001200,
  CreateIncidents1763800001300,
  CreateEscalations1763800001400,
  CreateInboxMessages1763800001500,
  CreateCalendarOverrides1763800002000,
];
