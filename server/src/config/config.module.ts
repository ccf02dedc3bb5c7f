import { type DynamicModule, Global, Module } from '@nestjs/common';
import { Clock } from '../common/clock.js';
import type { RelayConfig } from './config.js';

export const RELAY_CONFIG = Symbol('RELAY_CONFIG');

/**
 * The configuration and the pipeline clock, global: both are values fixed at start-up that nearly every
 * module reads (a test boots the app with its own of each), so importing them everywhere would say nothing.
 * Everything else is imported explicitly.
 */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: RelayConfig, clock: Clock): DynamicModule {
    const providers = [
      { provide: RELAY_CONFIG, useValue: config },
      { provide: Clock, useValue: clock },
    ];
    return { module: ConfigModule, providers, exports: [RELAY_CONFIG, Clock] };
  }
}
