import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate } from '../../common/calendar-date';
import { RISK_CLASSES, TARGET_TYPES } from '../registry-core';

export class CreatePlanDto {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;

  @ApiProperty({ enum: ['department', 'joint'] })
  @IsIn(['department', 'joint'], {
    message: 'kind 应为 department（部门计划）或 joint（联合抽查计划）',
  })
  kind: 'department' | 'joint';

  @ApiPropertyOptional({ description: 'department plans: the department code' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  departmentCode?: string;
}

export class TaskScopeDto {
  @ApiPropertyOptional({ enum: TARGET_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(TARGET_TYPES, {
    each: true,
    message: `targetTypes 的每一项应为 ${TARGET_TYPES.join(', ')} 之一`,
  })
  targetTypes?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @Matches(/^\d{6}$/, { each: true, message: 'regionCodes 的每一项应为6位行政区划代码' })
  regionCodes?: string[];

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  industryTags?: string[];

  @ApiPropertyOptional({ type: [String], description: 'targets supervised by all of these' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  supervisingDepartments?: string[];

  @ApiPropertyOptional({ enum: RISK_CLASSES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(RISK_CLASSES, { each: true, message: 'riskClasses 的每一项应为 A、B、C 或 D' })
  riskClasses?: Array<'A' | 'B' | 'C' | 'D'>;
}

export class SamplingDto {
  @ApiPropertyOptional({ example: '5%', description: 'one ratio for every class' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  ratio?: string;

  @ApiPropertyOptional({ example: { A: '3%', B: '5%', C: '10%', D: '20%' } })
  @IsOptional()
  @IsObject()
  ratiosByRiskClass?: Partial<Record<'A' | 'B' | 'C' | 'D', string>>;

  @ApiPropertyOptional({ description: 'an absolute number of targets' })
  @IsOptional()
  @IsInt()
  @Min(1)
  count?: number;

  @ApiPropertyOptional({
    description: '抽查基数: population size, checks a count against ratio bounds',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  baseCount?: number;
}

export class TaskDto extends SamplingDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ type: [String], description: 'item codes from the published item list' })
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  itemCodes: string[];

  @ApiProperty({ type: TaskScopeDto })
  @ValidateNested()
  @Type(() => TaskScopeDto)
  scope: TaskScopeDto;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  initiatingDepartment: string;

  @ApiPropertyOptional({ type: [String], description: 'empty for a single-department task' })
  @IsOptional()
  @IsArray()
  @IsString({ each: true })
  participatingDepartments?: string[];

  @ApiProperty({ example: '2026-04-01' })
  @IsCalendarDate()
  windowStart: string;

  @ApiProperty({ example: '2026-11-30' })
  @IsCalendarDate()
  windowEnd: string;

  @ApiPropertyOptional({
    description: 'exclude targets inspected for the same item in the last N days',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(3650)
  excludeRecentDays?: number;
}

export const ADJUSTMENT_KINDS = ['add', 'postpone', 'cancel', 'change_ratio'] as const;

export class AdjustmentDto {
  @ApiProperty({ enum: ADJUSTMENT_KINDS })
  @IsIn(ADJUSTMENT_KINDS, { message: `kind 应为 ${ADJUSTMENT_KINDS.join(', ')} 之一` })
  kind: (typeof ADJUSTMENT_KINDS)[number];

  @ApiPropertyOptional({ description: 'the task adjusted (postpone, cancel, change_ratio)' })
  @IsOptional()
  @IsString()
  taskKey?: string;

  @ApiPropertyOptional({ type: TaskDto, description: 'add: the new task' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TaskDto)
  task?: TaskDto;

  @ApiPropertyOptional({ description: 'postpone: new window' })
  @IsOptional()
  @IsCalendarDate()
  windowStart?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsCalendarDate()
  windowEnd?: string;

  @ApiPropertyOptional({ type: SamplingDto, description: 'change_ratio: the new sampling' })
  @IsOptional()
  @ValidateNested()
  @Type(() => SamplingDto)
  sampling?: SamplingDto;
}

export class AdjustPlanDto {
  @ApiProperty({ description: 'reason published with the adjustment (NX 20)' })
  @IsString()
  @MinLength(2)
  @MaxLength(2000)
  reason: string;

  @ApiProperty({ type: [AdjustmentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => AdjustmentDto)
  changes: AdjustmentDto[];
}
