export { Draw, type DrawDisclosure, type DrawStatus } from './draw.entity';
export { DrawBlob } from './draw-blob.entity';
export { DrawTargetRow } from './draw-target.entity';
export { DrawDepartment } from './draw-department.entity';
export { DrawAssignment } from './draw-assignment.entity';
export { DrawReplacement } from './draw-replacement.entity';
export { DrawAddendum } from './draw-addendum.entity';

import { Draw } from './draw.entity';
import { DrawBlob } from './draw-blob.entity';
import { DrawTargetRow } from './draw-target.entity';
import { DrawDepartment } from './draw-department.entity';
import { DrawAssignment } from './draw-assignment.entity';
import { DrawReplacement } from './draw-replacement.entity';
import { DrawAddendum } from './draw-addendum.entity';

export const DRAW_ENTITIES = [
  Draw,
  DrawBlob,
  DrawTargetRow,
  DrawDepartment,
  DrawAssignment,
  DrawReplacement,
  DrawAddendum,
];
