import { hostname } from 'node:os';
import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import type { AuthedRequest } from './current-user.js';
import { pino, type Level, type Logger } from 'pino';

/** Relay's one logger: JSON lines on stdout at LOG_LEVEL. */
export function createRootLogger(level: string): Logger {
  return pino({ level, base: { app: 'relay', pid: process.pid, hostname: hostname() } });
}

/**
 * NestJS's logger on the root logger. Nest's `Logger` appends its context as the last argument, and an
 * error's stack before it: they become the `context` and `err` fields. Nothing is formatted below the level.
 */
export class RelayLogger implements LoggerService {
  constructor(private readonly root: Logger) {}

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }
  error(message: unknown, ...rest: unknown[]): void {
    this.write('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: Level, message: unknown, rest: unknown[]): void {
    if (!this.root.isLevelEnabled(level)) return;
    const context = rest.length > 0 && typeof rest[rest.length - 1] === 'string' ? (rest[rest.length - 1] as string) : undefined;
    const stack = level === 'error' && rest.length > 1 && typeof rest[0] === 'string' ? rest[0] : undefined;
    const fields: Record<string, unknown> = { context, ...(stack ? { err: { stack } } : {}) };
    if (message instanceof Error) this.root[level]({ ...fields, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.root[level]({ ...fields, ...message });
    else this.root[level](fields, String(message));
  }
}

/** Query parameters whose values are secrets (an invitation's token, a link's token). */
const SECRET_PARAMS = new Set(['invite', 'token']);
/** Paths whose next segment is a secret: a customer's tracking link (`/track/<token>`, `/api/track/<token>/…`). */
const SECRET_PATH = /^((?:\/api)?\/track\/)[^/?#]+/i;

/**
 * A URL as it may be logged: the values of token-like query parameters and tokens in paths become `[redacted]`
 * (`/?invite=[redacted]`, `/track/[redacted]`). A logged token would sign in before the person it was sent to.
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q < 0 ? url : url.slice(0, q)).replace(SECRET_PATH, '$1[redacted]');
  if (q < 0) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      let name = eq < 0 ? pair : pair.slice(0, eq);
      try {
        name = decodeURIComponent(name.replace(/\+/g, ' '));
      } catch {
        // A malformed name is compared as it is.
      }
      return SECRET_PARAMS.has(name.trim().toLowerCase()) ? `${pair.slice(0, eq < 0 ? pair.length : eq)}=[redacted]` : pair;
    })
    .join('&');
  return `${path}?${query}`;
}

/**
 * One line per answered request, at info: method, URL, client address, the signed-in person's id, status and
 * time in ms (`request completed`, or `request aborted` when the client left first; answers of 500 and above,
 * but 503, at error). Headers are never logged, so neither are cookies nor tokens; tokens in URLs are redacted
 * (`redactUrl`). Below info it is a pass-through: no
 * per-request work at all.
 */
export function requestLog(root: Logger, skip: (path: string) => boolean) {
  if (!root.isLevelEnabled('info')) return (_req: Request, _res: Response, next: NextFunction) => next();
  let lastId = 0;
  return (req: AuthedRequest, res: Response, next: NextFunction) => {
    if (skip(req.path)) return next();
    const id = ++lastId;
    const started = performance.now();
    res.once('close', () => {
      const line = {
        req: { id, method: req.method, url: redactUrl(req.originalUrl), remoteAddress: req.ip, userId: req.user?.id },
        res: { statusCode: res.statusCode },
        responseTime: Math.round(performance.now() - started),
      };
      // 503 is an expected answer (the database is down: logged once per outage), not a failure of Relay's own.
      if (res.statusCode >= 500 && res.statusCode !== 503) root.error(line, 'request failed');
      else root.info(line, res.writableFinished ? 'request completed' : 'request aborted');
    });
    next();
  };
}
