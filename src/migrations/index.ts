import { CreateIdentity1763800000000 } from './1763800000000-CreateIdentity';
import { CreateAudit1763800000100 } from './1763800000100-CreateAudit';
import { CreateProcessDefinitions1763800001000 } from './1763800001000-CreateProcessDefinitions';
import { CreateProcessInstances1763800001100 } from './1763800001100-CreateProcessInstances';
import { CreateUserTasks1763800001200 } from './1763800001200-CreateUserTasks';
import { CreateIncidents1763800001300 } from './1763800001300-CreateIncidents';
import { CreateEscalations1763800001400 } from './1763800001400-CreateEscalations';
import { CreateInboxMessages1763800001500 } from './1763800001500-CreateInboxMessages';
import { AddUserTaskSubject1763800001600 } from './1763800001600-AddUserTaskSubject';
import { CreateCalendarOverrides1763800002000 } from './1763800002000-CreateCalendarOverrides';
import { CreateNotificationDeliveries1763800003000 } from './1763800003000-CreateNotificationDeliveries';

import { CreateItemLists1763800004000 } from './1763800004000-CreateItemLists';
import { CreateInspectionItems1763800004100 } from './1763800004100-CreateInspectionItems';
import { CreateTargets1763800004200 } from './1763800004200-CreateTargets';
import { CreateRiskClassHistory1763800004300 } from './1763800004300-CreateRiskClassHistory';
import { CreateInspectors1763800004400 } from './1763800004400-CreateInspectors';
import { CreateInspectorConflicts1763800004500 } from './1763800004500-CreateInspectorConflicts';
import { CreatePlans1763800004600 } from './1763800004600-CreatePlans';
import { CreatePlanTasks1763800004700 } from './1763800004700-CreatePlanTasks';
import { CreateTargetInspections1763800004800 } from './1763800004800-CreateTargetInspections';
import { CreateDraws1763800005000 } from './1763800005000-CreateDraws';
import { CreateDrawBlobs1763800005100 } from './1763800005100-CreateDrawBlobs';
import { CreateDrawTargets1763800005200 } from './1763800005200-CreateDrawTargets';
import { CreateDrawDepartments1763800005300 } from './1763800005300-CreateDrawDepartments';
import { CreateDrawAssignments1763800005400 } from './1763800005400-CreateDrawAssignments';
import { CreateDrawReplacements1763800005500 } from './1763800005500-CreateDrawReplacements';
import { CreateDrawAddenda1763800005600 } from './1763800005600-CreateDrawAddenda';
import { CreateInspections1763800006000 } from './1763800006000-CreateInspections';
import { CreateDocuments1763800006400 } from './1763800006400-CreateDocuments';
import { CreatePublication1763800006500 } from './1763800006500-CreatePublication';
import { CreateSignIn1763800007000 } from './1763800007000-CreateSignIn';
import { AuditChain1763800007100 } from './1763800007100-AuditChain';
import { AddDrawOwnerAndDisclosure1763800007200 } from './1763800007200-AddDrawOwnerAndDisclosure';
import { AddInspectorLogin1763800007210 } from './1763800007210-AddInspectorLogin';

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
  AddUserTaskSubject1763800001600,
  CreateCalendarOverrides1763800002000,
  CreateNotificationDeliveries1763800003000,
  CreateItemLists1763800004000,
  CreateInspectionItems1763800004100,
  CreateTargets1763800004200,
  CreateRiskClassHistory1763800004300,
  CreateInspectors1763800004400,
  CreateInspectorConflicts1763800004500,
  CreatePlans1763800004600,
  CreatePlanTasks1763800004700,
  CreateTargetInspections1763800004800,
  CreateDraws1763800005000,
  CreateDrawBlobs1763800005100,
  CreateDrawTargets1763800005200,
  CreateDrawDepartments1763800005300,
  CreateDrawAssignments1763800005400,
  CreateDrawReplacements1763800005500,
  CreateDrawAddenda1763800005600,
  CreateInspections1763800006000,
  CreateDocuments1763800006400,
  CreatePublication1763800006500,
  CreateSignIn1763800007000,
  AuditChain1763800007100,
  AddDrawOwnerAndDisclosure1763800007200,
  AddInspectorLogin1763800007210,
];
