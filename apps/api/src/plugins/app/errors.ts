// Every error becomes application/problem+json: {type, title, status, detail,
// diagnostics?}. Request validation → 400 with diagnostics; framework errors
// keep their 4xx status; anything unexpected → 500 without internals.

import { STATUS_CODES } from 'node:http';
import { PROBLEM_CONTENT_TYPE, type Problem } from '@dust/contract';
import type { Diagnostic } from '@dust/model';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isConnectionFailure, isInvalidTextError, isUniqueViolation } from '../../db/errors';
import { ProblemError } from '../../lib/problem';

/** What a client should wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

export function sendProblem(
  reply: FastifyReply,
  problem: Problem,
  headers: Record<string, string> = {},
) {
  return reply
    .code(problem.status)
    .headers(headers)
    .type(PROBLEM_CONTENT_TYPE)
    .serializer(JSON.stringify)
    .send(problem);
}

function validationDiagnostics(error: FastifyError): Diagnostic[] {
  if (!hasZodFastifySchemaValidationErrors(error)) return [];
  const where = error.validationContext ?? 'request';
  return error.validation.map((v) => ({
    severity: 'error' as const,
    code: 'SCHEMA',
    message: `${where}${v.instancePath ? ` ${v.instancePath}` : ''}: ${v.message ?? 'invalid'}`,
    path: v.instancePath,
  }));
}

export function toProblem(
  error: FastifyError,
  request: FastifyRequest,
): { problem: Problem; headers?: Record<string, string> } {
  if (error instanceof ProblemError)
    return { problem: error.toProblem(request.url), headers: error.headers };
  if (hasZodFastifySchemaValidationErrors(error)) {
    return {
      problem: {
        type: 'urn:dust:problem:invalid-request',
        title: 'Bad Request',
        status: 400,
        detail: `The request ${error.validationContext ?? ''} does not match the schema.`.replace(
          '  ',
          ' ',
        ),
        diagnostics: validationDiagnostics(error),
      },
    };
  }
  if (isConnectionFailure(error)) {
    return {
      problem: {
        type: 'urn:dust:problem:database-unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The database cannot be reached or is too busy right now; retry shortly.',
      },
      headers: { 'retry-after': String(DATABASE_RETRY_AFTER_SECONDS) },
    };
  }
  if (isInvalidTextError(error)) {
    // The last guard behind the storable-text hook (plugins/app/storable-text.ts).
    return {
      problem: {
        type: 'urn:dust:problem:invalid-request',
        title: 'Bad Request',
        status: 400,
        detail: 'The request holds text the database cannot store (a NUL or a lone surrogate).',
      },
    };
  }
  if (isUniqueViolation(error)) {
    return {
      problem: {
        type: 'urn:dust:problem:conflict',
        title: 'Conflict',
        status: 409,
        detail: 'That already exists.',
      },
    };
  }
  const status = error.statusCode;
  if (status !== undefined && status >= 400 && status < 500) {
    return {
      problem: {
        type: 'about:blank',
        title: STATUS_CODES[status] ?? 'Error',
        status,
        detail: error.message,
      },
    };
  }
  return {
    problem: {
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: 'The server failed to handle this request; it has been logged.',
    },
  };
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const { problem, headers } = toProblem(error, request);
      if (problem.status === 503) request.log.warn({ err: error }, problem.detail);
      else if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ status: problem.status, code: error.code }, problem.detail);
      return sendProblem(reply, problem, headers);
    });
    app.setNotFoundHandler((request, reply) =>
      sendProblem(reply, {
        type: 'about:blank',
        title: 'Not Found',
        status: 404,
        detail: `No route ${request.method} ${request.url.split('?')[0]}.`,
      }),
    );
  },
  { name: 'errors' },
);
