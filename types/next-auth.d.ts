import type { DefaultSession } from 'next-auth';

declare module 'next-auth' {
  interface Session {
    user: DefaultSession['user'] & { id: string; role: 'applicant' | 'clerk' | 'reviewer' | 'admin'; orgId: number | null; epoch: number };
  }
}
