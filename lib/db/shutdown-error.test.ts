import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseShuttingDown } from './shutdown-error';

function pgError(code: string, message: string): InstanceType<typeof pg.DatabaseError> {
  const e = new pg.DatabaseError(message, message.length, 'error');
  e.code = code;
  return e;
}

describe('isDatabaseShuttingDown', () => {
  it('knows the shutdown and start-up codes as pg reports them', () => {
    expect(isDatabaseShuttingDown(pgError('57P01', 'terminating connection due to administrator command'))).toBe(true);
    expect(isDatabaseShuttingDown(pgError('57P02', 'terminating connection because of crash of another server process'))).toBe(true);
    expect(isDatabaseShuttingDown(pgError('57P03', 'the database system is shutting down'))).toBe(true);
  });

  it('reads the code from the message Prisma wraps it in', () => {
    const prisma = Object.assign(new Error('\nInvalid `prisma.$executeRaw()` invocation:\n\n\nRaw query failed. Code: `57P03`. Message: `the database system is shutting down`'), { code: 'P2010' });
    expect(isDatabaseShuttingDown(prisma)).toBe(true);
  });

  it('leaves every other failure an error', () => {
    expect(isDatabaseShuttingDown(pgError('23505', 'duplicate key value violates unique constraint'))).toBe(false);
    expect(isDatabaseShuttingDown(pgError('57014', 'canceling statement due to statement timeout'))).toBe(false);
    expect(isDatabaseShuttingDown(new Error('row 57P031 is odd'))).toBe(false);
    expect(isDatabaseShuttingDown('57P03')).toBe(false);
    expect(isDatabaseShuttingDown(null)).toBe(false);
  });
});
