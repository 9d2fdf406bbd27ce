/**
 * The stack's RFC 3161 timestamp authority. The mock TSA encodes genTime with trailing zeros of the
 * milliseconds dropped, which some parsers reject (about one timestamp in ten); a clock at whole seconds
 * avoids fractional seconds altogether. The mock reads its clock through an instance field, which we replace.
 */
import type { Route } from './http-service.js';
import { tsaHandler, type TSA } from './mock-modules.js';

export function wholeSecondClock(tsa: TSA, now: () => number = Date.now): void {
  (tsa as unknown as { getCurrentTime: () => Date }).getCurrentTime = () =>
    new Date(Math.floor(now() / 1000) * 1000);
}

export function tsaRoute(tsa: TSA): Route {
  const handler = tsaHandler(tsa);
  return {
    method: 'POST',
    path: '/api/v1/timestamp',
    handle: async ({ body }) => {
      const result = await handler.fn(body.toString('utf8'));
      return {
        status: result.statusCode,
        body: result.response as string | Uint8Array,
        contentType: result.contentType ?? 'text/plain',
      };
    },
  };
}
