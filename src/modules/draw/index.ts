export { DrawModule } from './draw.module';
export {
  DrawService,
  UNCLASSIFIED_STRATUM,
  INLINE_SNAPSHOT_LIMIT,
  type PublicCommitment,
} from './draw.service';
export {
  DrawSources,
  ELIGIBLE_TARGET_SOURCE,
  INSPECTOR_SOURCE,
  type DrawScope,
  type EligibleTarget,
  type EligibleTargetSource,
  type InspectorRecord,
  type InspectorSource,
} from './sources';
