import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KeyGuard } from '../guard';
import { isPromise } from '../maybe-promise';
import type { GuardOutcome, HokusaiKey, MaybePromise } from '../types';
import { pathOf, recordOnFinish, sendRejection } from './node-response';
import { remoteAddressOf } from './socket-address';

declare global {
  // Express's own extension point: `req.hokusaiKey` is typed in handlers after the guard.
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The validated API key, set by `expressKeyGuard`. */
      hokusaiKey?: HokusaiKey;
    }
  }
}

/** The part of an Express/Connect request the guard reads. */
type NodeRequest = IncomingMessage & { body?: unknown; originalUrl?: string; hokusaiKey?: HokusaiKey };

/**
 * Express (4 and 5) and Connect middleware: refuses requests without a valid key, else puts the
 * key on `req.hokusaiKey`. Mount a body parser before it for keys sent as `api_key` in the body.
 *
 * @example
 * import express from 'express';
 * const app = express();
 * app.use(express.json(), expressKeyGuard(guard));
 * app.get('/v1/predict', (req, res) => res.json({ key_id: req.hokusaiKey?.key_id }));
 */
export function expressKeyGuard(guard: KeyGuard): (req: NodeRequest, res: ServerResponse, next: (error?: unknown) => void) => void {
  return (req, res, next) => {
    const started = guard.recordsUsage ? performance.now() : 0;
    const proceed = (outcome: GuardOutcome) => {
      if (!outcome.ok) return sendRejection(res, outcome);
      req.hokusaiKey = outcome.key;
      recordOnFinish(guard, outcome.key, req, req.originalUrl ?? req.url, res, started);
      next();
    };
    let outcome: MaybePromise<GuardOutcome>;
    try {
      outcome = guard.checkNow({ headers: req.headers, body: req.body, remoteAddress: remoteAddressOf(req.socket), path: pathOf(req.originalUrl ?? req.url) });
    } catch (error) {
      return next(error);
    }
    // A cache hit goes on in this turn, as the route's own handlers would.
    if (isPromise(outcome)) outcome.then(proceed, next);
    else proceed(outcome);
  };
}
