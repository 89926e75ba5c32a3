export { EscalationRecord, RESOLUTION_KINDS, type ResolutionKind } from './escalation.entity';
export { IncidentRecord } from './incident.entity';
export { InboxMessage, type InboxKind } from './inbox-message.entity';
export { ProcessInstanceRecord } from './process-instance.entity';
export { UserTaskRecord, type TaskStatus } from './user-task.entity';

import { EscalationRecord } from './escalation.entity';
import { IncidentRecord } from './incident.entity';
import { InboxMessage } from './inbox-message.entity';
import { ProcessInstanceRecord } from './process-instance.entity';
import { UserTaskRecord } from './user-task.entity';

export const ENGINE_ENTITIES = [
  ProcessInstanceRecord,
  UserTaskRecord,
  IncidentRecord,
  EscalationRecord,
  InboxMessage,
];
