export const RELAY_CONFIG = Symbol('RELAY_CONFIG');
