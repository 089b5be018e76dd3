// `server-only` throws outside React Server Components; under Vitest the lib modules run in plain Node.
export {};
