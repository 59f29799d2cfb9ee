import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { LogLevel } from './logger';
import { sharedDeploymentFromEnvironment, type SharedDeployment } from './shared-config';

export const DEFAULT_SDKAPPID = 1400000001;

export interface EnvironmentConfig {
  port: number;
  host?: string;
  /** TIDINGS_DATA; undefined for a node of a shared deployment, which has no data folder. */
  dataDir?: string;
  SDKAppID: number;
  secretKey: string;
  /** True when the key was generated now, on first start. */
  secretKeyCreated: boolean;
  logLevel: LogLevel;
  /** TIDINGS_DEV=1: serve test userSigs at /dev/usersig (never in production). */
  dev: boolean;
  /** TIDINGS_STATIC: a folder of static files to serve next to the API. */
  staticDir?: string;
  /** Set when TIDINGS_DATABASE_URL is: this server is one node of a shared deployment. */
  shared?: SharedDeployment;
}

const SHARED_SECRET_KEY_MISSING = 'a node of a shared deployment needs TIDINGS_SECRET_KEY, the same on every node';

const SECRET_KEY_FILE = 'secret-key';

/** The app's secret key: TIDINGS_SECRET_KEY, else the one kept in the data folder, else a new one kept there. */
function loadSecretKey(dataDir: string, fromEnv: string | undefined): { secretKey: string; created: boolean } {
  if (fromEnv) return { secretKey: fromEnv, created: false };
  const file = join(dataDir, SECRET_KEY_FILE);
  if (existsSync(file)) return { secretKey: readFileSync(file, 'utf8').trim(), created: false };
  mkdirSync(dataDir, { recursive: true });
  const secretKey = randomBytes(32).toString('hex');
  writeFileSync(file, `${secretKey}\n`, { mode: 0o600, flag: 'wx' });
  return { secretKey, created: true };
}

function integerFromEnv(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a whole number, got ${JSON.stringify(value)}`);
  return parsed;
}

function booleanFromEnv(name: string, value: string | undefined): boolean {
  if (value === undefined || value === '' || value === '0' || value === 'false') return false;
  if (value === '1' || value === 'true') return true;
  throw new Error(`${name} must be 1 or 0, got ${JSON.stringify(value)}`);
}

export function configFromEnvironment(env: NodeJS.ProcessEnv = process.env): EnvironmentConfig {
  const SDKAppID = integerFromEnv('TIDINGS_SDKAPPID', env.TIDINGS_SDKAPPID, DEFAULT_SDKAPPID);
  if (SDKAppID === 0) throw new Error('TIDINGS_SDKAPPID must be a positive whole number, got 0');
  const common = {
    port: integerFromEnv('PORT', env.PORT, 8080),
    host: env.HOST || undefined,
    SDKAppID,
    logLevel: (env.LOG_LEVEL as LogLevel | undefined) ?? 'info',
    dev: booleanFromEnv('TIDINGS_DEV', env.TIDINGS_DEV),
    staticDir: env.TIDINGS_STATIC ? resolve(env.TIDINGS_STATIC) : undefined,
  };
  const shared = sharedDeploymentFromEnvironment(env);
  if (shared) {
    // Nodes must agree on the key and cannot share a file: no key is made, no data folder touched.
    if (!env.TIDINGS_SECRET_KEY) throw new Error(SHARED_SECRET_KEY_MISSING);
    return {
      ...common,
      secretKey: env.TIDINGS_SECRET_KEY,
      secretKeyCreated: false,
      shared,
    };
  }
  const dataDir = resolve(env.TIDINGS_DATA || 'data');
  const { secretKey, created } = loadSecretKey(dataDir, env.TIDINGS_SECRET_KEY);
  return { ...common, dataDir, secretKey, secretKeyCreated: created };
}
