/**
 * Next.js 16 proxy (formerly middleware): runs before every route. It only answers what must be answered
 * before a body is read; every page, action and route still checks the session itself.
 * - Oversized requests: 413 with a clear message (lib/http/body-limit.ts), never Next's bare 500.
 */
import { NextResponse, type NextRequest } from 'next/server';
import { tooLargeResponse } from '@/lib/http/body-limit';

export function proxy(request: NextRequest) {
  const tooLarge = tooLargeResponse(request);
  if (tooLarge) return tooLarge;
  return NextResponse.next();
}

export const config = {
  matcher: ['/((?!_next/static|_next/image|favicon.ico).*)'],
};
