/** What each permission lets one do, for a refusal said in words instead of its code (Chinese, the reference). */
export const rightsZhCN = {
  'apiError.needsPermission': '这需要“{what}”的权限，请联系站长或管理员',
  'apiError.readOnlyRole': '当前用户只能查阅，不能更改',
  'permission.pii.reveal': '查看完整个人信息',
  'permission.scheme.edit': '修改分类方案与要件清单',
  'permission.qc.decide': '质检判定',
  'permission.sync.configure': '设置同步',
  'permission.catalogue.import': '导入与挂接目录',
  'permission.station.configure': '修改工作站设置（扫描方案、OCR 引擎）',
  'permission.users.manage': '管理用户',
  'permission.roles.assign': '分配角色、解除登录锁定',
  'permission.audit.read': '查阅审计日志',
  'permission.stats.view': '查看全站统计',
  'permission.store.maintain': '检查整个存储',
  'permission.import.folders': '导入整个文件夹（请改为选择文件）',
} as const;
