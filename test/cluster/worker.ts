/**
 * A stand-in web worker for the cluster tests (test/cluster/primary.ts): a plain HTTP server on the shared
 * PORT that answers which worker it is, crashes on request, and exercises the notices between workers
 * (lib/cluster-peers.ts) and the calendar cache they keep fresh (lib/calendar/load-calendar.ts).
 * FAIL_AT_START=1: exits before it listens (a worker that cannot start).
 */
import http from 'node:http';
import { notifyPeers, onPeerNotice } from '@/lib/cluster-peers';

if (process.env.FAIL_AT_START === '1') process.exit(2);

let notices = 0;
onPeerNotice('calendar', () => notices++);

const json = (res: http.ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
  res.end(JSON.stringify(body));
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://x');
  const who = { slot: process.env.GONGKAI_WEB_WORKER_SLOT, pid: process.pid, argon2: process.env.GONGKAI_ARGON2_CONCURRENCY };
  void (async () => {
    switch (url.pathname) {
      case '/who':
        return json(res, { ...who, notices });
      case '/notify':
        notifyPeers('calendar');
        return json(res, who);
      case '/crash':
        json(res, who);
        setTimeout(() => process.exit(3), 20);
        return;
      case '/calendar': {
        // Is the date a working day in this worker's (cached) calendar?
        const { loadCalendar } = await import('@/lib/calendar/load-calendar');
        const { isWorkingDay } = await import('@/lib/calendar/working-days');
        return json(res, { ...who, working: isWorkingDay(url.searchParams.get('date')!, await loadCalendar()) });
      }
      case '/calendar/set': {
        const { setCalendarDay } = await import('@/lib/calendar/load-calendar');
        const kind = url.searchParams.get('kind') as 'holiday' | 'workday' | '';
        await setCalendarDay(
          { role: 'admin', id: url.searchParams.get('admin')!, orgId: null, orgPath: null },
          { date: url.searchParams.get('date')!, kind: kind || null, name: '测试', reason: 'cluster test' },
        );
        return json(res, who);
      }
      default:
        return json(res, { error: 'not found' }, 404);
    }
  })().catch((e: unknown) => json(res, { error: String(e) }, 500));
});
server.listen(Number(process.env.PORT));
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
