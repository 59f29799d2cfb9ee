import { DEFAULT_SETTINGS, parseSettings, SETTINGS_FILE, type ServerSettings } from './settings';

/**
 * A node of a shared deployment: every node keeps its data in one PostgreSQL, reaches the others
 * through one Redis and keeps files in one S3 bucket, and has no data folder of its own.
 */
export interface SharedDeployment {
  /** TIDINGS_DATABASE_URL, postgres://… or postgresql://… */
  databaseURL: string;
  /** TIDINGS_REDIS_URL, redis://… or rediss://… */
  redisURL: string;
  /** TIDINGS_REDIS_PREFIX, before every key and channel (deployments sharing one Redis); unset: `tidings:`. */
  redisKeyPrefix?: string;
  /** The S3 client reads AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY itself. */
  s3: {
    /** TIDINGS_S3_ENDPOINT, an S3-compatible service (MinIO, s3rver…); unset: AWS S3. */
    endpoint?: string;
    /** TIDINGS_S3_BUCKET */
    bucket: string;
    /** TIDINGS_S3_REGION */
    region: string;
  };
  /** TIDINGS_SETTINGS, the JSON of tidings.config.json (same fields, same checks); unset: the defaults. */
  settings: ServerSettings;
}

/** The variables only a node of a shared deployment reads. */
const SHARED_ONLY = [
  'TIDINGS_REDIS_URL',
  'TIDINGS_REDIS_PREFIX',
  'TIDINGS_S3_ENDPOINT',
  'TIDINGS_S3_BUCKET',
  'TIDINGS_S3_REGION',
  'TIDINGS_SETTINGS',
];

/** The value for an error message: a URL's password never goes into a log. */
function shown(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return JSON.stringify(url.toString());
  } catch {
    return JSON.stringify(value);
  }
}

function checkedURL(name: string, value: string, protocols: readonly string[], example: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be a URL like ${example}, got ${shown(value)}`);
  }
  if (!protocols.includes(url.protocol) || !url.hostname)
    throw new Error(`${name} must be a URL like ${example}, got ${shown(value)}`);
  return value;
}

/** TIDINGS_DATABASE_URL checked, or undefined when unset (a single server on its data folder). */
export function databaseURLFromEnvironment(env: NodeJS.ProcessEnv): string | undefined {
  const value = env.TIDINGS_DATABASE_URL;
  if (!value) return undefined;
  return checkedURL(
    'TIDINGS_DATABASE_URL',
    value,
    ['postgres:', 'postgresql:'],
    'postgres://user:password@host:5432/db',
  );
}

function required(env: NodeJS.ProcessEnv, name: string, what: string): string {
  const value = env[name];
  if (!value) throw new Error(`a node of a shared deployment (TIDINGS_DATABASE_URL is set) needs ${name}, ${what}`);
  return value;
}

function settingsFromJSON(text: string | undefined): ServerSettings {
  if (!text) return { ...DEFAULT_SETTINGS, moderationWords: [] };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`TIDINGS_SETTINGS is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Error(`TIDINGS_SETTINGS must be a JSON object like tidings.config.json, got ${JSON.stringify(value)}`);
  try {
    return parseSettings(value);
  } catch (error) {
    // parseSettings names the file its input usually comes from; here it came from the variable.
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `TIDINGS_SETTINGS${message.startsWith(SETTINGS_FILE) ? message.slice(SETTINGS_FILE.length) : `: ${message}`}`,
      { cause: error },
    );
  }
}

/**
 * The shared deployment this node belongs to, from the environment; undefined for a single server
 * (no TIDINGS_DATABASE_URL), which must then set none of the shared-only variables either.
 */
export function sharedDeploymentFromEnvironment(env: NodeJS.ProcessEnv): SharedDeployment | undefined {
  const databaseURL = databaseURLFromEnvironment(env);
  if (!databaseURL) {
    const stray = SHARED_ONLY.find((name) => env[name]);
    if (stray)
      throw new Error(
        `${stray} is for the nodes of a shared deployment: set TIDINGS_DATABASE_URL too (a single server keeps everything in TIDINGS_DATA)`,
      );
    return undefined;
  }
  const redisURL = checkedURL(
    'TIDINGS_REDIS_URL',
    required(env, 'TIDINGS_REDIS_URL', 'the Redis all nodes share (redis://host:6379)'),
    ['redis:', 'rediss:'],
    'redis://host:6379',
  );
  const bucket = required(env, 'TIDINGS_S3_BUCKET', 'the S3 bucket that keeps the files');
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket))
    throw new Error(`TIDINGS_S3_BUCKET must be an S3 bucket name (3-63 of a-z 0-9 . -), got ${JSON.stringify(bucket)}`);
  const region = required(env, 'TIDINGS_S3_REGION', "the bucket's region (us-east-1…)");
  if (!/^[a-z0-9-]+$/.test(region))
    throw new Error(`TIDINGS_S3_REGION must be a region name like us-east-1, got ${JSON.stringify(region)}`);
  const endpoint = env.TIDINGS_S3_ENDPOINT
    ? checkedURL('TIDINGS_S3_ENDPOINT', env.TIDINGS_S3_ENDPOINT, ['http:', 'https:'], 'https://s3.example.com')
    : undefined;
  return {
    databaseURL,
    redisURL,
    redisKeyPrefix: env.TIDINGS_REDIS_PREFIX || undefined,
    s3: { ...(endpoint ? { endpoint } : {}), bucket, region },
    settings: settingsFromJSON(env.TIDINGS_SETTINGS),
  };
}
