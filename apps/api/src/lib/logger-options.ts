// One logger setup for the API server and the worker process: JSON lines for log
// collectors (production, containers), or pino-pretty's readable lines on a
// terminal (config LOG_FORMAT). Either way, secrets in query strings (OAuth
// codes and states) are replaced before a request is logged.
import type { LoggerOptions } from 'pino';
import type { Config } from '../config';

const SECRET_QUERY_PARAMS = ['code', 'state', 'access_token', 'token', 'client_secret'];

/** The URL as it may be logged: secret-bearing query parameters are replaced by "[redacted]". */
export function loggableUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = new URLSearchParams(url.slice(q + 1));
  for (const name of SECRET_QUERY_PARAMS) {
    if (params.has(name)) params.set(name, '[redacted]');
  }
  return `${url.slice(0, q)}?${params.toString()}`;
}

interface LoggedRequest {
  method: string;
  url: string;
  host?: string;
  ip?: string;
}

export function loggerOptions(config: Pick<Config, 'logLevel' | 'logFormat'>): LoggerOptions {
  return {
    level: config.logLevel,
    serializers: {
      req: (request: LoggedRequest) => ({
        method: request.method,
        url: loggableUrl(request.url),
        host: request.host,
        remoteAddress: request.ip,
      }),
    },
    ...(config.logFormat === 'pretty'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' },
          },
        }
      : {}),
  };
}
