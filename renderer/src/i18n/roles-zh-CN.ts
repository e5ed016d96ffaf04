/** What a screen says to a user who may only look at it (Chinese, the reference); spread into zh-CN. */
export const rolesZhCN = {
  'roles.syncReadOnly': '同步设置由站长/管理员负责，这里只能查看；需要更改请联系站长/管理员',
  'roles.syncNoTarget': '尚未设置，请联系站长/管理员',
  'roles.schemeReadOnly': '分类方案由管理员维护，这里只能查看；需要更改请联系站长/管理员',
  'roles.catalogueReadOnly': '目录导入和挂接由档案员或管理员办理，这里只能查看',
  'roles.qcReadOnly': '抽样和判定由质检员办理，这里只能查看结果',
  'roles.profilesReadOnly': '扫描配置由档案员或管理员维护；您可以用已有的配置扫描',
} as const;
