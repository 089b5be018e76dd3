import { describe, expect, it } from 'vitest';
import { monitoringTokenMatches } from './health';

describe('monitoringTokenMatches', () => {
  const env = { GONGKAI_MONITORING_TOKEN: 'm0nitor-token-0123456789' } as unknown as NodeJS.ProcessEnv;
  it('accepts only the configured bearer token', () => {
    expect(monitoringTokenMatches('Bearer m0nitor-token-0123456789', env)).toBe(true);
    expect(monitoringTokenMatches('bearer m0nitor-token-0123456789', env)).toBe(true);
    expect(monitoringTokenMatches('Bearer m0nitor-token-012345678', env)).toBe(false);
    expect(monitoringTokenMatches('m0nitor-token-0123456789', env)).toBe(false);
    expect(monitoringTokenMatches(null, env)).toBe(false);
  });
  it('accepts nothing when no token (or a too short one) is configured', () => {
    expect(monitoringTokenMatches('Bearer ', {} as unknown as NodeJS.ProcessEnv)).toBe(false);
    expect(monitoringTokenMatches('Bearer short', { GONGKAI_MONITORING_TOKEN: 'short' } as unknown as NodeJS.ProcessEnv)).toBe(false);
  });
});
