/**
 * The demo city (示范市) and its accounts, created on first start. Passwords are for local demonstration
 * only; the README lists them.
 */
export const DEMO_PASSWORD = 'Demo@2026';

export interface DemoOrg {
  code: string;
  name: string;
  docPrefix: string;
  kind: 'government_office' | 'department' | 'town';
  parent: string | null;
}

export const DEMO_ORGS: DemoOrg[] = [
  { code: 'SFS', name: '示范市人民政府办公室', docPrefix: '示范政信', kind: 'government_office', parent: null },
  { code: 'SFS-JY', name: '示范市教育局', docPrefix: '示范教信', kind: 'department', parent: 'SFS' },
  { code: 'SFS-GA', name: '示范市公安局', docPrefix: '示范公信', kind: 'department', parent: 'SFS' },
  { code: 'SFS-ZR', name: '示范市自然资源和规划局', docPrefix: '示范自然资信', kind: 'department', parent: 'SFS' },
  { code: 'SFS-ZJ', name: '示范市住房和城乡建设局', docPrefix: '示范住建信', kind: 'department', parent: 'SFS' },
  { code: 'SFS-HB', name: '示范市生态环境局', docPrefix: '示范环信', kind: 'department', parent: 'SFS' },
  { code: 'SFS-DC', name: '示范市东城街道办事处', docPrefix: '东城街信', kind: 'town', parent: 'SFS' },
  { code: 'SFS-XS', name: '示范市西山镇人民政府', docPrefix: '西山镇信', kind: 'town', parent: 'SFS' },
  { code: 'SFS-NH', name: '示范市南湖镇人民政府', docPrefix: '南湖镇信', kind: 'town', parent: 'SFS' },
];

export interface DemoAccount {
  role: 'admin' | 'reviewer' | 'clerk' | 'applicant';
  login: string;
  name: string;
  org: string | null;
  password: string;
  description: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { role: 'admin', login: 'admin@demo.gongkai.cn', name: '系统管理员', org: 'SFS', password: DEMO_PASSWORD, description: 'administrator (示范市人民政府办公室)' },
  { role: 'reviewer', login: 'reviewer@demo.gongkai.cn', name: '李审核', org: 'SFS', password: DEMO_PASSWORD, description: 'reviewer, city office and its subtree' },
  { role: 'clerk', login: 'clerk@demo.gongkai.cn', name: '王经办', org: 'SFS', password: DEMO_PASSWORD, description: 'clerk, city office and its subtree' },
  { role: 'reviewer', login: 'reviewer.edu@demo.gongkai.cn', name: '赵负责', org: 'SFS-JY', password: DEMO_PASSWORD, description: 'reviewer, 教育局 only' },
  { role: 'clerk', login: 'clerk.edu@demo.gongkai.cn', name: '陈经办', org: 'SFS-JY', password: DEMO_PASSWORD, description: 'clerk, 教育局 only' },
  { role: 'clerk', login: 'clerk.xs@demo.gongkai.cn', name: '周经办', org: 'SFS-XS', password: DEMO_PASSWORD, description: 'clerk, 西山镇 only' },
  { role: 'applicant', login: '13800000001', name: '张三', org: null, password: DEMO_PASSWORD, description: 'applicant (natural person), signs in by mobile' },
  { role: 'applicant', login: 'applicant@demo.gongkai.cn', name: '示范律师事务所', org: null, password: DEMO_PASSWORD, description: 'applicant (legal-service organisation), by e-mail' },
];
