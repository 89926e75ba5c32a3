import { Controller, Get, Header, Param, Query, UseFilters } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DrawInputErrorFilter } from './draw-input.filter';
import { DrawService } from './draw.service';
import { ProofQuery } from './dto/draw.dto';
import { verifyPageHtml } from './verify-page';

/** What the rules publish (NX 24–25, HN 19): the commitment, then the proof, and a verifier. */
@ApiTags('public')
@UseFilters(DrawInputErrorFilter)
@Controller('public/draws')
export class PublicDrawController {
  constructor(private readonly draws: DrawService) {}

  /** The proof after the draw; before it only the commitment. */
  @Get(':id')
  proof(@Param('id') id: string, @Query() query: ProofQuery) {
    return this.draws.proof(id, query.snapshot);
  }

  /** The exact committed snapshot text; its SHA-256 is commitment.snapshotHash. */
  @Get(':id/snapshot')
  @Header('Content-Type', 'text/plain; charset=utf-8')
  snapshot(@Param('id') id: string) {
    return this.draws.snapshotText(id);
  }

  /** Approved addenda (exceptions recorded after the reveal). */
  @Get(':id/addenda')
  addenda(@Param('id') id: string) {
    return this.draws.publicAddenda(id);
  }

  /** The browser verifier; open with ?proof=/public/draws/<id>. */
  @Get(':id/verify')
  @Header('Content-Type', 'text/html; charset=utf-8')
  verify() {
    return verifyPageHtml();
  }
}
