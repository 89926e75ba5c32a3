import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { TARGET_TYPES } from '../registry-core';
import { ITEM_METHODS } from './item-list.entity';

export class CreateItemListDto {
  @ApiProperty({ example: 2026 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}

export class PublishDto {
  @ApiPropertyOptional({ description: 'required for every revision after the first' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  changeNote?: string;
}

export class ItemDto {
  @ApiProperty({ example: 'SCJG-001' })
  @Matches(/^[A-Za-z0-9._-]{1,64}$/, { message: 'code 应为1至64位字母、数字、点、下划线或连字符' })
  code: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  content?: string;

  @ApiPropertyOptional({ enum: TARGET_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @IsIn(TARGET_TYPES, {
    each: true,
    message: `targetTypes 的每一项应为 ${TARGET_TYPES.join(', ')} 之一`,
  })
  targetTypes?: string[];

  @ApiProperty({ enum: ['key', 'general'], description: '重点 key / 一般 general' })
  @IsIn(['key', 'general'], { message: 'category 应为 key（重点）或 general（一般）' })
  category: 'key' | 'general';

  @ApiProperty({ enum: ITEM_METHODS })
  @IsIn(ITEM_METHODS, { message: `method 应为 ${ITEM_METHODS.join(', ')} 之一` })
  method: string;

  @ApiProperty({ description: 'inspecting department code (检查主体)' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  departmentCode: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  legalBasis?: string;

  @ApiPropertyOptional({ example: '5%', description: 'general items: upper bound of the ratio' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  maxRatio?: string;

  @ApiPropertyOptional({ description: 'on the joint item list (联合抽查事项)' })
  @IsOptional()
  @IsBoolean()
  joint?: boolean;

  @ApiPropertyOptional({ description: 'joint items: area (抽查领域)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  area?: string;

  @ApiPropertyOptional({ description: 'joint items: initiating department' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  initiatingDepartment?: string;

  @ApiPropertyOptional({ type: [String], description: 'joint items: cooperating departments' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  cooperatingDepartments?: string[];
}
