import type { IncomingMessage } from 'node:http';
import { ERROR_STATUS } from '@relay/shared';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import type { RelayConfig, TrustProxy } from '../config/config.js';

/** Methods that change something: the ones a page of another origin must not send with the person's cookie. */
const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const first = (value: string | string[] | undefined): string | undefined => {
  const v = Array.isArray(value) ? value[0] : value;
  if (v === undefined) return undefined;
  const comma = v.indexOf(',');
  return (comma === -1 ? v : v.slice(0, comma)).trim();
};

/**
 * The origin a request was addressed to, as Express computes `req.protocol` and `req.host`: the
 * connection's own scheme and Host header, or X-Forwarded-Proto and X-Forwarded-Host when the peer is a
 * trusted proxy (RELAY_TRUST_PROXY). Lower-case, without a default port.
 */
export function requestOrigin(req: IncomingMessage, trust: TrustProxy): string | null {
  const trusted = trust(req.socket.remoteAddress ?? '', 0);
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
  const proto = (trusted && first(req.headers['x-forwarded-proto'])) || (encrypted ? 'https' : 'http');
  const host = (trusted && first(req.headers['x-forwarded-host'])) || req.headers.host;
  if (!host) return null;
  return normalOrigin(`${proto}://${host}`);
}

/** `scheme://host[:port]` as a browser writes it in `Origin`, or null for what is not an http(s) URL. */
function normalOrigin(text: string): string | null {
  try {
    const u = new URL(text);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Decides whether a request comes from Relay's own pages. Relay's origins are the one the request
 * was addressed to (its Host, honouring trusted proxies) and RELAY_PUBLIC_URL's. The browser's `Origin`
 * header decides; without it, `Referer`'s origin; without either (curl, scripts with a Bearer token)
 * the request is not from a page and passes.
 */
export class OriginPolicy {
  private readonly publicOrigin: string | null;

  constructor(private readonly config: Pick<RelayConfig, 'publicUrl' | 'trustProxy'>) {
    this.publicOrigin = normalOrigin(config.publicUrl);
  }

  /** The foreign origin a request came from, or null when it is Relay's own or unknown. */
  foreignOrigin(req: IncomingMessage): string | null {
    const origin = first(req.headers.origin);
    let claimed: string | null;
    if (origin !== undefined) claimed = origin.toLowerCase();
    else {
      const referer = first(req.headers.referer);
      if (referer === undefined || referer === '') return null;
      claimed = normalOrigin(referer) ?? 'null';
    }
    if (claimed === this.publicOrigin) return null;
    const own = requestOrigin(req, this.config.trustProxy);
    if (own !== null && claimed === own) return null;
    // A browser writes the origin canonically; anything else (a default port, `null`) is compared canonically too.
    const canonical = normalOrigin(claimed);
    if (canonical !== null && (canonical === this.publicOrigin || canonical === own)) return null;
    return claimed;
  }
}

export const CROSS_ORIGIN_MESSAGE = 'This request came from a page of another site; Relay accepts changes only from its own pages';

/** 403 CROSS_ORIGIN for a POST/PUT/PATCH/DELETE sent by a page of another origin. GETs cost one lookup. */
export function refuseCrossOrigin(policy: OriginPolicy): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!STATE_CHANGING.has(req.method)) return next();
    const foreign = policy.foreignOrigin(req);
    if (foreign === null) return next();
    res.status(ERROR_STATUS.CROSS_ORIGIN).json({
      statusCode: ERROR_STATUS.CROSS_ORIGIN,
      code: 'CROSS_ORIGIN',
      message: CROSS_ORIGIN_MESSAGE,
      details: { origin: foreign.slice(0, 200) },
    });
  };
}

/**
 * Headers on every response: a CSP allowing only Relay's own scripts (the built board has no inline
 * script), no framing by anyone, nosniff, no referrer. Not `upgrade-insecure-requests`: Relay is often
 * served over plain HTTP inside an office network, where it would break every asset.
 */
export function securityHeaders(): RequestHandler {
  const directives = {
    defaultSrc: ["'self'"],
    baseUri: ["'self'"],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    objectSrc: ["'none'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    upgradeInsecureRequests: null,
  };
  return helmet({
    contentSecurityPolicy: { useDefaults: false, directives },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // Relay does not open other sites' windows or embed their resources; keep these at their safe defaults.
    crossOriginEmbedderPolicy: false,
  });
}

/** API answers are personal and live: never stored by a browser or a proxy (the OpenAPI page's assets may be). */
export function noStoreApi(req: Request, res: Response, next: NextFunction): void {
  if (req.path.startsWith('/api/') && !req.path.startsWith('/api/docs')) res.setHeader('Cache-Control', 'no-store');
  next();
}

/** The customer's tracker (page and API): never indexed, never stored, no referrer (its URL is a secret). */
export const isTrackPath = (path: string) => path.startsWith('/track/') || path.startsWith('/api/track/');

export function trackHeaders(req: Request, res: Response, next: NextFunction): void {
  if (isTrackPath(req.path)) {
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
  }
  next();
}
