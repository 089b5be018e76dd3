import type { NamespaceModule } from '../catalogue';

/**
 * The integration API (/api/v1; docs/api.md): error messages in the caller's Accept-Language, and the admin
 * page of API tokens (/admin/api-tokens).
 */
const api: NamespaceModule = {
  'zh-CN': {
    api: {
      error: {
        unauthorized: '缺少有效的接口令牌（Authorization: Bearer gk_…），或该令牌已被撤销。',
        forbidden_scope: '该接口令牌未获授权执行此操作（需要权限：{scope}）。',
        not_found: '未找到该资源，或者该接口令牌无权访问。',
        method_not_allowed: '该地址不支持 {method} 方法；允许的方法：{allowed}。',
        invalid_json: '请求体不是有效的 JSON。',
        body_not_object: '请求体必须是 JSON 对象。',
        unsupported_media_type: '请求体须以 Content-Type: application/json 提交。',
        validation: '请求内容未通过校验，请查看 issues。',
        conflict: '该申请已被修改（版本不一致），请重新读取后再试。',
        invalid_transition: '该申请当前状态下不能执行此操作。',
        locked: '相关年度报告期已锁定，不能执行此操作。',
        rate_limited: '请求过于频繁，请于 {seconds} 秒后再试。',
        too_large: '请求体过大（最多 {max}）。',
        idempotency_key_required: '登记申请须提供 Idempotency-Key 请求头（8至60个字母、数字、“-”或“_”）。',
        idempotency_key_invalid: 'Idempotency-Key 须为8至60个字母、数字、“-”或“_”。',
        idempotency_key_reused: '该 Idempotency-Key 已用于其他请求。',
        internal: '服务器未能完成请求，请稍后再试。',
        unknown_field: '不接受的字段：{keys}。',
        not_found_route: '没有这个接口地址。接口说明见 /api/v1/openapi.json。',
      },
    },
    admin: {
      audit: {
        groups: { api_token: '接口令牌', api: '接口调用' },
        types: {
          api_token: { created: '创建接口令牌', revoked: '撤销接口令牌' },
          api: { case_registered: '经接口登记申请', transition_applied: '经接口办理操作', scope_denied: '接口令牌越权被拒绝' },
        },
      },
      apiTokens: {
        nav: '接口令牌',
        title: '接口令牌（对接政务服务平台、12345热线）',
        help: '接口令牌供外部系统调用 /api/v1 接口，只能访问所选机构及其下级机构的申请，只能执行所选操作。令牌只在创建时显示一次，系统只保存其密钥散列值。接口说明见 /api/v1/openapi.json。',
        createTitle: '创建令牌',
        create: '创建令牌',
        created: '令牌已创建。请立即复制保存，关闭本页后将无法再次查看：',
        revoke: '撤销',
        revoked: '令牌已撤销。',
        revokeConfirm: '撤销后使用该令牌的系统将无法再访问接口。确定撤销？',
        scopesRequired: '请至少选择一项权限。',
        empty: '尚未创建接口令牌。',
        fields: {
          name: '名称（如：省政务服务平台）',
          organisation: '机构（含下级机构）',
          scopes: '权限',
          prefix: '令牌开头',
          createdAt: '创建时间',
          lastUsedAt: '最近使用',
          status: '状态',
        },
        scope: { read: '读取申请', register: '登记申请', transition: '办理操作' },
        active: '有效',
        revokedAt: '已于{date}撤销',
        never: '从未使用',
      },
    },
  },
  en: {
    api: {
      error: {
        unauthorized: 'A valid API token is missing (Authorization: Bearer gk_…), or the token was revoked.',
        forbidden_scope: 'This API token may not do this (scope needed: {scope}).',
        not_found: 'Not found, or this API token may not see it.',
        method_not_allowed: 'This address does not accept {method}; allowed: {allowed}.',
        invalid_json: 'The request body is not valid JSON.',
        body_not_object: 'The request body must be a JSON object.',
        unsupported_media_type: 'Send the request body as Content-Type: application/json.',
        validation: 'The request did not pass validation; see issues.',
        conflict: 'The case was changed meanwhile (version mismatch). Read it again and retry.',
        invalid_transition: 'This action is not possible in the case’s current state.',
        locked: 'The report period concerned is locked; this action is not possible.',
        rate_limited: 'Too many requests. Retry in {seconds} seconds.',
        too_large: 'The request body is too large (at most {max}).',
        idempotency_key_required: 'Registering a case needs an Idempotency-Key header (8 to 60 letters, digits, "-" or "_").',
        idempotency_key_invalid: 'The Idempotency-Key must be 8 to 60 letters, digits, "-" or "_".',
        idempotency_key_reused: 'This Idempotency-Key was used for another request.',
        internal: 'The server could not complete the request. Please try again later.',
        unknown_field: 'Fields not accepted: {keys}.',
        not_found_route: 'No such API address. The interface is described at /api/v1/openapi.json.',
      },
    },
    admin: {
      audit: {
        groups: { api_token: 'API tokens', api: 'API calls' },
        types: {
          api_token: { created: 'API token created', revoked: 'API token revoked' },
          api: { case_registered: 'Case registered through the API', transition_applied: 'Transition applied through the API', scope_denied: 'API token refused (outside its scopes)' },
        },
      },
      apiTokens: {
        nav: 'API tokens',
        title: 'API tokens (provincial service platform, 12345 hotline)',
        help: 'API tokens let other systems call the /api/v1 interface, for the cases of the chosen organisation and those below it, and only for the chosen operations. A token is shown once, when it is created; only a keyed hash is stored. The interface is described at /api/v1/openapi.json.',
        createTitle: 'Create a token',
        create: 'Create token',
        created: 'Token created. Copy it now; it cannot be shown again:',
        revoke: 'Revoke',
        revoked: 'Token revoked.',
        revokeConfirm: 'Systems using this token will lose access. Revoke it?',
        scopesRequired: 'Choose at least one scope.',
        empty: 'No API tokens yet.',
        fields: {
          name: 'Name (e.g. provincial service platform)',
          organisation: 'Organisation (and those below it)',
          scopes: 'Scopes',
          prefix: 'Token starts with',
          createdAt: 'Created',
          lastUsedAt: 'Last used',
          status: 'Status',
        },
        scope: { read: 'Read cases', register: 'Register cases', transition: 'Apply transitions' },
        active: 'Active',
        revokedAt: 'Revoked on {date}',
        never: 'Never used',
      },
    },
  },
};

export default api;
