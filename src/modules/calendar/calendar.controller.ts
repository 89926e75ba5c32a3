import {
  Body,
  Controller,
  Delete,
  Get,
  Param,
  ParseIntPipe,
  Post,
  Put,
  Query,
} from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../auth/decorators';
import type { Principal } from '../auth/roles';
import { CalendarService } from './calendar.service';
import { AddWorkingDaysQuery, ImportScheduleDto, SetDayDto } from './dto/calendar.dto';

/**
 * The statutory working-day calendar. Reading it is public (the dates the law counts are public
 * knowledge); changing it is the joint-meeting office's, and every change is audited.
 */
@ApiTags('calendar')
@Controller('calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('add-working-days')
  addWorkingDays(@Query() q: AddWorkingDaysQuery) {
    return this.calendar.addWorkingDays(q.from, q.n);
  }

  @Get('days/:date')
  day(@Param('date') date: string) {
    return this.calendar.dayInfo(date);
  }

  @Get('years/:year')
  year(@Param('year', new ParseIntPipe({ errorHttpStatusCode: 400 })) year: number) {
    return this.calendar.showYear(year);
  }

  @ApiBearerAuth()
  @Post('import')
  import(@CurrentPrincipal() principal: Principal, @Body() dto: ImportScheduleDto) {
    return this.calendar.importSchedule(dto, principal);
  }

  @ApiBearerAuth()
  @Put('days/:date')
  setDay(
    @CurrentPrincipal() principal: Principal,
    @Param('date') date: string,
    @Body() dto: SetDayDto,
  ) {
    return this.calendar.setDay(date, dto, principal);
  }

  @ApiBearerAuth()
  @Delete('days/:date')
  clearDay(@CurrentPrincipal() principal: Principal, @Param('date') date: string) {
    return this.calendar.clearDay(date, principal);
  }
}
