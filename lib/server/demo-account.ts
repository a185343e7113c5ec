/*
 * The demo's public constants. Kept apart from lib/server/config.ts (server-only) so scripts and the
 * simulator can import them. None of these protect anything but synthetic data.
 */
export const DEMO_ACCESS_KEY = "sk-ant-api01-simulator-demo-key-not-a-secret";
export const DEMO_SIMULATOR_URL = "http://127.0.0.1:4010";
export const DEMO_USERNAME = "officer";
export const DEMO_PASSWORD = "compliance-demo";
