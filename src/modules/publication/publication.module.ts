import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Department } from '../auth/entities/department.entity';
import { Draw } from '../draw/entities';
import { Inspection, InspectionForm, InspectionTarget } from '../inspection/entities';
import { ItemsModule } from '../items/items.module';
import { PublicResultsController } from './public-results.controller';
import { PublicResultsService } from './public-results.service';
import { PublicationService } from './publication.service';
import { PublishedResult, ResultPublication } from './published-result.entity';
import { ResultsController } from './results.controller';

/** Results publication (结果公示) and the public results portal (docs/publication.md). */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      ResultPublication,
      PublishedResult,
      Inspection,
      InspectionTarget,
      InspectionForm,
      Department,
      Draw,
    ]),
    ItemsModule,
  ],
  controllers: [ResultsController, PublicResultsController],
  providers: [PublicationService, PublicResultsService],
  exports: [PublicationService],
})
export class PublicationModule {}
