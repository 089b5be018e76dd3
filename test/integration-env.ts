import { inject } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
// Every test process has the run's data key (lib/crypto.ts), as `npm start` has its generated one.
process.env.GONGKAI_ENCRYPTION_KEY ??= inject('encryptionKey');
// Every workflow step checks its in-memory ledger against a reload of the case (lib/cases/transition-case.ts).
process.env.GONGKAI_VERIFY_LEDGER ??= '1';
