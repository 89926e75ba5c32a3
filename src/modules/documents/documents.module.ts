import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DocumentRecord } from './document.entity';
import { DocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

/** Documents (文书): templates → HTML → PDF (Chromium), hashed, with an archive manifest. */
@Module({
  imports: [TypeOrmModule.forFeature([DocumentRecord])],
  controllers: [DocumentsController],
  providers: [DocumentsService],
  exports: [DocumentsService],
})
export class DocumentsModule {}
