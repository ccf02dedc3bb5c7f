import { Module } from '@nestjs/common';
import { TestClockController } from './test-clock.controller.js';

/** POST /api/test/clock, imported only with RELAY_TEST_CLOCK=1 (refused in production). */
@Module({ controllers: [TestClockController] })
export class TestClockModule {}
