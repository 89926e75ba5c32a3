import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsCalendarDate } from '../../../common/calendar-date';
import { MAX_YEAR, MIN_YEAR } from '../core/dates';

export class AddWorkingDaysQuery {
  @ApiProperty({ example: '2026-09-30' })
  @IsCalendarDate({ minYear: MIN_YEAR, maxYear: MAX_YEAR })
  from: string;

  @ApiProperty({ example: 2 })
  @Type(() => Number)
  @IsInt({ message: 'n must be a whole number of working days' })
  @Min(0)
  @Max(3650)
  n: number;
}

export class ImportScheduleDto {
  @ApiProperty({ enum: ['json', 'csv', 'ics'] })
  @IsIn(['json', 'csv', 'ics'], { message: 'format must be one of json, csv, ics' })
  format: 'json' | 'csv' | 'ics';

  @ApiProperty({ description: 'file content (UTF-8 text)' })
  @IsString()
  @MaxLength(2_000_000)
  content: string;

  @ApiPropertyOptional({ description: 'the year the schedule is for (default: from the file)' })
  @IsOptional()
  @IsInt()
  @Min(1900)
  @Max(2100)
  year?: number;
}

export class SetDayDto {
  @ApiProperty({ enum: ['holiday', 'workday'] })
  @IsIn(['holiday', 'workday'], { message: 'kind must be holiday or workday' })
  kind: 'holiday' | 'workday';

  @ApiPropertyOptional({ example: '国庆节' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  name?: string;
}
