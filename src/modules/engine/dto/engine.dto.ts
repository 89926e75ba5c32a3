import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { IsCalendarDateTime } from '../../../common/calendar-date';
import { RESOLUTION_KINDS, type ResolutionKind } from '../entities/escalation.entity';

/** Values used inside Temporal visibility queries: no quotes or backslashes. */
const QUERY_SAFE = /^[^'"\\]*$/;
const QUERY_SAFE_MESSAGE = '不能包含引号或反斜杠';
const toBool = ({ value }: { value: unknown }) =>
  value === 'true' || value === true ? true : value === 'false' || value === false ? false : value;

export class StartInstanceDto {
  @IsString() @IsNotEmpty() @MaxLength(200) key: string;
  @IsOptional() @IsInt() @Min(1) version?: number;
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @Matches(QUERY_SAFE, { message: `businessKey ${QUERY_SAFE_MESSAGE}` })
  businessKey?: string;
  @IsOptional() @IsObject() variables?: Record<string, unknown>;
}

export class ListInstancesQuery {
  @IsOptional()
  @IsString()
  @Matches(QUERY_SAFE, { message: `key ${QUERY_SAFE_MESSAGE}` })
  key?: string;
  @IsOptional()
  @IsString()
  @Matches(QUERY_SAFE, { message: `businessKey ${QUERY_SAFE_MESSAGE}` })
  businessKey?: string;
  @IsOptional()
  @IsIn(['running', 'incident', 'completed', 'terminated', 'cancelled'])
  status?: string;
  @IsOptional()
  @IsString()
  @Matches(QUERY_SAFE, { message: `department ${QUERY_SAFE_MESSAGE}` })
  department?: string;
  @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class CancelInstanceDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class SendMessageDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name: string;
  @IsOptional() @IsObject() payload?: Record<string, unknown>;
}

export class MoveDeadlinesDto {
  @IsOptional() @IsString() @MaxLength(400) timerKey?: string;
  @IsOptional() @IsCalendarDateTime() fireAt?: string;
  @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
}

export class MyTasksQuery {
  @IsOptional() @Transform(toBool) @IsBoolean() overdue?: boolean;
  @IsOptional() @IsCalendarDateTime() dueBefore?: string;
  /** Only tasks about this subject (jc:subject, e.g. a target code). */
  @IsOptional() @IsString() @MaxLength(200) subject?: string;
  /** Only tasks of instances with this business key. */
  @IsOptional() @IsString() @MaxLength(200) businessKey?: string;
}

export class CompleteTaskDto {
  @IsObject() output: Record<string, unknown>;
}

export class ReassignTaskDto {
  @IsString() @IsNotEmpty() @MaxLength(2000) reason: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) toDepartment?: string;
  @IsOptional() @IsString() @IsNotEmpty() @MaxLength(64) toUser?: string;
}

export class ListEscalationsQuery {
  @IsOptional() @IsIn(['open', 'resolved']) status?: 'open' | 'resolved';
}

export class ResolveEscalationDto {
  @IsIn([...RESOLUTION_KINDS]) kind: ResolutionKind;
  @IsString() @IsNotEmpty() @MaxLength(4000) note: string;
}

export class ListIncidentsQuery {
  @IsOptional() @IsIn(['open', 'resolved']) status?: 'open' | 'resolved';
}

export class InboxQuery {
  @IsOptional() @Transform(toBool) @IsBoolean() unread?: boolean;
}
