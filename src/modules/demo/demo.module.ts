import { Module } from '@nestjs/common';
import { SeedDemoService } from './seed-demo.service';

@Module({ providers: [SeedDemoService], exports: [SeedDemoService] })
export class DemoModule {}
