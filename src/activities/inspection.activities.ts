import type { ServiceTaskContext } from '../workflows/interpreter/contract';

/**
 * Where a service task runs, as the inspection module checks it: the instance, its root and its
 * definition (from the engine's ServiceTaskContext).
 */
type Caller = Pick<ServiceTaskContext, 'workflowId' | 'rootWorkflowId' | 'definitionKey'>;

/** What the joint-inspection service tasks need from the inspection module. */
export interface InspectionActivityDeps {
  progress: {
    launch(id: string, caller: Caller): Promise<void>;
    confirmedDepartments(id: string, caller: Caller): Promise<string[]>;
    distribute(id: string, caller: Caller): Promise<string[]>;
    openTarget(id: string, target: string, caller: Caller): Promise<string[]>;
    closeTarget(id: string, target: string, caller: Caller): Promise<void>;
    publicationDue(id: string, caller: Caller): Promise<string>;
    openFollowUps(id: string, caller: Caller): Promise<Array<{ id: string; department: string }>>;
  };
  documents: {
    issueNotices(id: string, caller: Caller): Promise<number>;
    archive(id: string, caller: Caller): Promise<{ manifestSha256: string; documents: number }>;
  };
}

interface ById {
  inspectionId: string;
}
interface ByTarget extends ById {
  target: string;
}

const callerOf = (ctx: ServiceTaskContext): Caller => ({
  workflowId: ctx.workflowId,
  rootWorkflowId: ctx.rootWorkflowId,
  definitionKey: ctx.definitionKey,
});

/**
 * The service tasks of processes/joint-inspection.bpmn and joint-inspection-target.bpmn
 * (jc:activity names). Thin: each delegates to an idempotent module method with the calling
 * instance, which the module checks (only the instance it started for that inspection, in the
 * stage the step expects), so a retried activity never writes twice and another definition
 * naming these activities changes nothing.
 */
export function createInspectionActivities(deps: InspectionActivityDeps) {
  const { progress, documents } = deps;
  return {
    'inspection.launch': ({ inspectionId }: ById, ctx: ServiceTaskContext) =>
      progress.launch(inspectionId, callerOf(ctx)),
    'inspection.confirmedDepartments': ({ inspectionId }: ById, ctx: ServiceTaskContext) =>
      progress.confirmedDepartments(inspectionId, callerOf(ctx)),
    'inspection.distribute': ({ inspectionId }: ById, ctx: ServiceTaskContext) =>
      progress.distribute(inspectionId, callerOf(ctx)),
    'inspection.issueNotices': ({ inspectionId }: ById, ctx: ServiceTaskContext) =>
      documents.issueNotices(inspectionId, callerOf(ctx)),
    'inspection.openTarget': ({ inspectionId, target }: ByTarget, ctx: ServiceTaskContext) =>
      progress.openTarget(inspectionId, target, callerOf(ctx)),
    'inspection.closeTarget': ({ inspectionId, target }: ByTarget, ctx: ServiceTaskContext) =>
      progress.closeTarget(inspectionId, target, callerOf(ctx)),
    'inspection.publicationDue': ({ inspectionId }: ById, ctx: ServiceTaskContext) =>
      progress.publicationDue(inspectionId, callerOf(ctx)),
    'inspection.openFollowUps': ({ inspectionId }: ById, ctx: ServiceTaskContext) =>
      progress.openFollowUps(inspectionId, callerOf(ctx)),
    'inspection.archive': ({ inspectionId }: ById, ctx: ServiceTaskContext) =>
      documents.archive(inspectionId, callerOf(ctx)),
  };
}

/** The names, for offline validation of the shipped definitions (activity-names.ts). */
export const INSPECTION_ACTIVITY_NAMES = [
  'inspection.launch',
  'inspection.confirmedDepartments',
  'inspection.distribute',
  'inspection.issueNotices',
  'inspection.openTarget',
  'inspection.closeTarget',
  'inspection.publicationDue',
  'inspection.openFollowUps',
  'inspection.archive',
] as const;
