import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Inspector, InspectorConflict } from './inspector.entity';
import { InspectorsController } from './inspectors.controller';
import { InspectorsService } from './inspectors.service';

/** The inspector directory (执法检查人员名录库). */
@Module({
  imports: [TypeOrmModule.forFeature([Inspector, InspectorConflict])],
  controllers: [InspectorsController],
  providers: [InspectorsService],
  exports: [InspectorsService],
})
export class InspectorsModule {}
