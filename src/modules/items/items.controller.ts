import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { requireRole } from '../auth/access';
import { CreateItemListDto, ItemDto, PublishDto } from './item.dto';
import { ItemsService } from './items.service';

/** Item-list revisions for officials (drafts included); the public reads /public/items. */
@ApiTags('items')
@ApiBearerAuth()
@Controller('items/lists')
export class ItemsController {
  constructor(private readonly items: ItemsService) {}

  @Get()
  lists(@CurrentPrincipal() principal: Principal, @Query('year') year?: string) {
    requireRole(principal, 'office', 'dept_admin', 'dept_officer');
    return this.items.lists(year ? Number(year) : undefined, false);
  }

  @Post()
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateItemListDto) {
    return this.items.createDraft(dto.year, principal);
  }

  @Get(':id')
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string) {
    return this.items.listWithItems(id, principal);
  }

  @Put(':id/items')
  putItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: ItemDto,
  ) {
    return this.items.putItem(id, dto, principal);
  }

  @Delete(':id/items/:code')
  @HttpCode(204)
  removeItem(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('code') code: string,
  ) {
    return this.items.removeItem(id, code, principal);
  }

  @Post(':id/publish')
  @HttpCode(200)
  publish(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: PublishDto,
  ) {
    return this.items.publish(id, dto.changeNote, principal);
  }
}
