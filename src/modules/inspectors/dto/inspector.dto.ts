import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import { IsCalendarDate } from '../../../common/calendar-date';
import { INSPECTOR_STATUSES } from '../../registry-core';

export class InspectorDto {
  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(50)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  position?: string;

  @ApiProperty({ description: 'department code' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  departmentCode: string;

  @ApiPropertyOptional({ description: 'enforcement certificate number (unique)' })
  @IsOptional()
  @IsString()
  @MaxLength(50)
  certificateNo?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @Matches(/^[+\d][\d\s()\-转]{4,29}$/, { message: 'phone 应为5至30位电话号码' })
  phone?: string;

  @ApiPropertyOptional({ description: 'holds enforcement qualification (执法资格)' })
  @IsOptional()
  @IsBoolean()
  enforcementQualified?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(30)
  @IsString({ each: true })
  @MaxLength(50, { each: true })
  expertiseTags?: string[];

  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  thirdPartyExpert?: boolean;

  @ApiPropertyOptional({
    description:
      "the inspector's login (an existing inspector account of the same department); not public",
  })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username?: string;
}

export class InspectorStatusDto {
  @ApiProperty({ enum: INSPECTOR_STATUSES })
  @IsIn(INSPECTOR_STATUSES, { message: `status 应为 ${INSPECTOR_STATUSES.join(', ')} 之一` })
  status: string;

  @ApiProperty({ example: '2026-03-01', description: 'date the status begins' })
  @IsCalendarDate()
  since: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class ConflictDto {
  @ApiProperty({ enum: ['target', 'region'] })
  @IsIn(['target', 'region'], { message: 'kind 应为 target（检查对象）或 region（行政区划）' })
  kind: 'target' | 'region';

  @ApiProperty({ description: 'target identification code or 6-digit region code' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  value: string;

  @ApiProperty({ description: 'reason (如：亲属关系、曾任职)' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class InspectorListQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  department?: string;
}
