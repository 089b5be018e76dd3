/**
 * The OpenAPI 3.1 document of the integration API (GET /api/v1/openapi.json), generated from the zod schemas
 * the handlers use (lib/api/v1/schemas.ts) with zod 4's own z.toJSONSchema (JSON Schema 2020-12, which
 * OpenAPI 3.1 uses as is). Request schemas are rendered as the client sends them (io: 'input'), responses as
 * the server answers (io: 'output'). Named schemas go to components.schemas and are referenced with $ref.
 */
import { z } from 'zod';
import {
  apiErrorSchema,
  caseDetailSchema,
  caseListSchema,
  idempotencyKeySchema,
  LIST_QUERY_ARRAYS,
  listCasesQuerySchema,
  registerCaseRequestSchema,
  registerCaseResponseSchema,
  transitionRequestSchema,
  transitionResponseSchema,
} from '@/lib/api/v1/schemas';
import { API_SCOPES } from '@/lib/api/v1/tokens';

type Json = Record<string, unknown>;

const REF = (id: string) => ({ $ref: `#/components/schemas/${id}` });

function components(): Record<string, Json> {
  const requests = z.registry<{ id: string }>();
  requests.add(registerCaseRequestSchema, { id: 'RegisterCaseRequest' });
  requests.add(transitionRequestSchema, { id: 'TransitionRequest' });
  const responses = z.registry<{ id: string }>();
  responses.add(apiErrorSchema, { id: 'Error' });
  responses.add(caseListSchema, { id: 'CaseList' });
  responses.add(caseDetailSchema, { id: 'CaseDetail' });
  responses.add(registerCaseResponseSchema, { id: 'RegisterCaseResponse' });
  responses.add(transitionResponseSchema, { id: 'TransitionResponse' });
  const uri = (id: string) => `#/components/schemas/${id}`;
  const a = z.toJSONSchema(requests, { io: 'input', uri, unrepresentable: 'any' }).schemas as Record<string, Json>;
  const b = z.toJSONSchema(responses, { io: 'output', uri, unrepresentable: 'any' }).schemas as Record<string, Json>;
  const all = { ...a, ...b };
  for (const s of Object.values(all)) {
    delete s.$schema;
    delete s.$id;
  }
  return all;
}

function listParameters(): Json[] {
  return Object.entries(listCasesQuerySchema.shape).map(([name, schema]) => {
    const json = z.toJSONSchema(schema as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Json;
    delete json.$schema;
    const description = typeof json.description === 'string' ? json.description : undefined;
    delete json.description;
    const isArray = (LIST_QUERY_ARRAYS as readonly string[]).includes(name);
    return {
      name,
      in: 'query',
      required: false,
      schema: json,
      ...(description ? { description } : {}),
      ...(isArray ? { style: 'form', explode: true } : {}),
    };
  });
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Malformed JSON, a body that is not an object, or a missing / malformed Idempotency-Key.',
  401: 'Missing, unknown or revoked token.',
  403: 'The token lacks the scope for this operation, or the workflow does not let it act (role).',
  404: 'No such case in the token’s organisation subtree.',
  405: 'Method not allowed.',
  409: 'Stale expectedVersion (code conflict), a transition the case’s state does not allow (invalid_transition), or an Idempotency-Key reused.',
  413: 'Body too large.',
  415: 'Content-Type is not application/json.',
  422: 'Validation failed (unknown fields, wrong types, refused characters such as NUL, out-of-range values, workflow guards); see issues.',
  423: 'A locked report period would change.',
  429: 'Rate limit; see Retry-After.',
};

function errors(...codes: number[]): Json {
  const out: Json = {};
  for (const c of codes) out[String(c)] = { description: ERROR_TEXT[c], content: { 'application/json': { schema: REF('Error') } } };
  return out;
}

const COMMON = [401, 404, 405, 429];

let cached: Json | null = null;

/** The whole document (built once per process). */
export function openApiDocument(): Json {
  cached ??= build();
  return cached;
}

function build(): Json {
  const caseRef = {
    name: 'ref',
    in: 'path',
    required: true,
    description: 'The case id (uuid) or its tracking number (GKyyyy-XXXXXXXX).',
    schema: { type: 'string', maxLength: 100 },
  };
  const acceptLanguage = {
    name: 'Accept-Language',
    in: 'header',
    required: false,
    description: 'Language of error messages and explanation texts: zh-CN (default) or en.',
    schema: { type: 'string' },
  };
  const idempotencyJson = z.toJSONSchema(idempotencyKeySchema) as Json;
  delete idempotencyJson.$schema;
  return {
    openapi: '3.1.0',
    info: {
      title: 'Gongkai integration API (政府信息公开申请办理系统接口)',
      version: '1.0.0',
      description:
        'Register disclosure applications, read cases with their deadline ledger, list cases and apply workflow transitions. ' +
        'Authenticate with a machine token (Authorization: Bearer gk_…) created by an administrator; each token is scoped to an ' +
        'organisation subtree and to operations (scopes: ' +
        API_SCOPES.join(', ') +
        '). Errors are {code, message} in the Accept-Language. See docs/api.md.',
    },
    servers: [{ url: '/' }],
    security: [{ bearer: [] }],
    paths: {
      '/api/v1/cases': {
        get: {
          operationId: 'listCases',
          summary: 'List cases (scope read): the staff list’s filters, keyset paging.',
          parameters: [...listParameters(), acceptLanguage],
          responses: { '200': { description: 'One page.', content: { 'application/json': { schema: REF('CaseList') } } }, ...errors(403, 422, ...COMMON) },
        },
        post: {
          operationId: 'registerCase',
          summary: 'Register an application (scope register). A retried POST with the same Idempotency-Key returns the same case.',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: idempotencyJson }, acceptLanguage],
          requestBody: { required: true, content: { 'application/json': { schema: REF('RegisterCaseRequest') } } },
          responses: {
            '201': { description: 'Registered.', content: { 'application/json': { schema: REF('RegisterCaseResponse') } } },
            '200': { description: 'Replay of an earlier registration with the same key: nothing created.', content: { 'application/json': { schema: REF('RegisterCaseResponse') } } },
            ...errors(400, 403, 409, 413, 415, 422, 423, ...COMMON),
          },
        },
      },
      '/api/v1/cases/{ref}': {
        get: {
          operationId: 'getCase',
          summary: 'Read a case (scope read) with its deadline ledger, documents and public history.',
          parameters: [caseRef, acceptLanguage],
          responses: { '200': { description: 'The case.', content: { 'application/json': { schema: REF('CaseDetail') } } }, ...errors(403, ...COMMON) },
        },
      },
      '/api/v1/cases/{ref}/transitions': {
        post: {
          operationId: 'applyTransition',
          summary: 'Apply a workflow transition by name (scope transition), with the same guards and compare-and-set as the staff UI.',
          parameters: [caseRef, acceptLanguage],
          requestBody: { required: true, content: { 'application/json': { schema: REF('TransitionRequest') } } },
          responses: {
            '200': { description: 'Applied.', content: { 'application/json': { schema: REF('TransitionResponse') } } },
            ...errors(400, 403, 409, 413, 415, 422, 423, ...COMMON),
          },
        },
      },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'A machine token gk_… (docs/api.md).' } },
      schemas: components(),
    },
  };
}
