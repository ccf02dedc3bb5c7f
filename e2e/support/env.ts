/** What global-setup.mjs shares with the journeys. */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the journeys through jest (e2e/jest.config.js), whose global setup starts Relay`);
  return value;
}

export const relayUrl = (): string => required('RELAY_E2E_URL');
export const browserEndpoint = (): string => required('RELAY_E2E_BROWSER_WS');
export const serverLogFile = (): string | undefined => process.env.RELAY_E2E_SERVER_LOG;

/** How long a journey waits for something it expects to see (a live update, a dialog, a saved value). */
export const WAIT_MS = 15_000;
