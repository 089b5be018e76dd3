import { inject } from 'vitest';

process.env.DATABASE_URL = inject('databaseUrl');
// Every test process has the run's data key (lib/crypto.ts), as `npm start` has its generated one.
process.env.GONGKAI_ENCRYPTION_KEY ??= inject('encryptionKey');
