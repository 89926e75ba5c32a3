import type { ServiceTaskContext } from '../workflows/interpreter/contract';

/** What the joint-inspection service tasks need from the inspection module. */
export interface InspectionActivityDeps {
  progress: {
    launch(id: string): Promise<void>;
    confirmedDepartments(id: string): Promise<string[]>;
    distribute(id: string): Promise<string[]>;
    openTarget(id: string, target: string, workflowId: string): Promise<string[]>;
    closeTarget(id: string, target: string): Promise<void>;
    publicationDue(id: string): Promise<string>;
    openFollowUps(id: string): Promise<Array<{ id: string; department: string }>>;
  };
  documents: {
    issueNotices(id: string): Promise<number>;
    archive(id: string): Promise<{ manifestSha256: string; documents: number }>;
  };
}

interface ById {
  inspectionId: string;
}
interface ByTarget extends ById {
  target: string;
}

/**
 * The service tasks of processes/joint-inspection.bpmn and joint-inspection-target.bpmn
 * (jc:activity names). Thin: each delegates to an idempotent module method, so a retried
 * activity never writes twice.
 */
export function createInspectionActivities(deps: InspectionActivityDeps) {
  const { progress, documents } = deps;
  return {
    'inspection.launch': ({ inspectionId }: ById) => progress.launch(inspectionId),
    'inspection.confirmedDepartments': ({ inspectionId }: ById) =>
      progress.confirmedDepartments(inspectionId),
    'inspection.distribute': ({ inspectionId }: ById) => progress.distribute(inspectionId),
    'inspection.issueNotices': ({ inspectionId }: ById) => documents.issueNotices(inspectionId),
    'inspection.openTarget': ({ inspectionId, target }: ByTarget, ctx: ServiceTaskContext) =>
      progress.openTarget(inspectionId, target, ctx.workflowId),
    'inspection.closeTarget': ({ inspectionId, target }: ByTarget) =>
      progress.closeTarget(inspectionId, target),
    'inspection.publicationDue': ({ inspectionId }: ById) => progress.publicationDue(inspectionId),
    'inspection.openFollowUps': ({ inspectionId }: ById) => progress.openFollowUps(inspectionId),
    'inspection.archive': ({ inspectionId }: ById) => documents.archive(inspectionId),
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
