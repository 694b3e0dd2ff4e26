import type { Hono } from 'hono';
import type { AppContext, AppEnv } from './context.ts';
import { OPERATIONS, PATH_PARAMS, ROOT_OPERATIONS, type Op } from './openapi/paths.ts';
import { ref, SCHEMAS, type JsonSchema } from './openapi/schemas.ts';

const STATUS_TEXT: Record<number, string> = {
  400: 'A rule was broken (e.g. EMAIL_TAKEN, WEAK_PASSWORD, INVALID_TOKEN, INVALID_MFA_CODE) or the body is not JSON (INVALID_JSON)',
  401: 'No valid access token, or wrong credentials',
  403: 'Not allowed (FORBIDDEN), e.g. a role too low or a cookie call without the CSRF header',
  404: 'Not found, or not visible to the caller',
  409: 'The state does not allow it (e.g. LAST_OWNER)',
  413: 'The body is over the size limit (PAYLOAD_TOO_LARGE)',
  415: 'The body is not application/json',
  422: 'Invalid fields (VALIDATION_ERROR), listed in details.validation_errors',
  423: 'The account is locked (ACCOUNT_LOCKED); Retry-After says for how long when the lock is timed',
  429: 'Too many attempts (RATE_LIMITED); see Retry-After',
  502: 'The identity provider could not be reached',
  503: 'The server is busy (SERVICE_UNAVAILABLE); see Retry-After',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } };

function errorResponse(status: number): JsonSchema {
  return {
    description: STATUS_TEXT[status] ?? 'Error',
    ...([423, 429, 503].includes(status) ? { headers: RETRY_AFTER } : {}),
    content: { 'application/json': { schema: ref('Error') } },
  };
}

function operation(key: string, op: Op): JsonSchema {
  const path = key.slice(key.indexOf(' ') + 1);
  const params = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name, in: 'path', required: true, description: PATH_PARAMS[name!] ?? name, schema: { type: 'string' },
  }));
  const query = Object.entries(op.query ?? {}).map(([name, { required, ...schema }]) => ({ name, in: 'query', required: required === true, schema }));
  const errors = new Set(op.errors ?? []);
  if (op.auth === 'bearer') errors.add(401);
  if (op.body) [400, 413, 415, 422].forEach((s) => errors.add(s));
  if (params.length) errors.add(404);
  errors.add(503);
  const ok: JsonSchema = { description: op.ok.description ?? (op.ok.status === 204 ? 'Done; no body' : 'Success') };
  if (op.ok.schema) ok['content'] = { 'application/json': { schema: op.ok.schema } };
  if (op.ok.status === 302) ok['headers'] = { Location: { schema: { type: 'string', format: 'uri' } } };
  const responses: Record<string, JsonSchema> = { [String(op.ok.status)]: ok };
  if (op.alsoOk) responses[String(op.alsoOk.status)] = { description: op.alsoOk.description };
  for (const status of [...errors].sort()) responses[String(status)] = errorResponse(status);
  return {
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    operationId: operationId(key),
    tags: [op.tag],
    security: op.auth === 'bearer' ? [{ bearer: [] }] : [],
    ...(params.length || query.length ? { parameters: [...params, ...query] } : {}),
    ...(op.body ? { requestBody: { required: op.body['required'] !== undefined, content: { 'application/json': { schema: op.body } } } } : {}),
    responses,
    ...(op.ext ? { 'x-janua-ext': true } : {}),
  };
}

function operationId(key: string): string {
  const [method, path] = key.split(' ') as [string, string];
  const words = path.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1));
  return method.toLowerCase() + words.join('');
}

function pathsOf(operations: Record<string, Op>, extra: JsonSchema = {}): Record<string, JsonSchema> {
  const paths: Record<string, JsonSchema> = {};
  for (const [key, op] of Object.entries(operations)) {
    const [method, path] = key.split(' ') as [string, string];
    (paths[path] ??= { ...extra })[method.toLowerCase()] = operation(key, op);
  }
  return paths;
}

/**
 * The OpenAPI 3.1 description of this server: API.md, row by row, with the request bodies,
 * answers, errors and security each operation really has. `tests/server/openapi.test.ts`
 * holds it to the routes the app serves, both ways.
 */
export function openApiDocument(issuer: string, options: { dev?: boolean } = {}): JsonSchema {
  const served = Object.fromEntries(Object.entries(OPERATIONS).filter(([key]) => options.dev || !key.includes(' /dev/')));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Janua v1 API (reference server)',
      version: '1.0.0',
      description: 'The contract the Janua UI kit speaks. Operations marked `x-janua-ext` are extensions of the reference server; clients hide the feature when a server answers 404. Every error has the body `Error`. Paths listed with a trailing slash also answer without it.',
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: `${issuer}/api/v1` }],
    tags: ['Auth', 'MFA', 'Passkeys', 'Social and SSO', 'Organizations', 'Sessions', 'Development', 'Meta'].map((name) => ({ name })),
    paths: { ...pathsOf(served), ...pathsOf(ROOT_OPERATIONS, { servers: [{ url: issuer }] }) },
    components: {
      schemas: SCHEMAS,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The access token of `tokens`' },
      },
    },
  };
}

export function registerOpenApiRoute(api: Hono<AppEnv>, ctx: AppContext): void {
  let cached: string | null = null;
  api.get('/openapi.json', (c) => {
    cached ??= JSON.stringify(openApiDocument(ctx.config.issuer, { dev: ctx.config.dev }));
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(cached, 200, { 'Content-Type': 'application/json; charset=utf-8' });
  });
}
