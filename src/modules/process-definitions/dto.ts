import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ListDefinitionsQuery {
  @IsOptional() @IsString() @MaxLength(200) key?: string;
}
