/** The thumbnails' state badges and the filed-page refusal (Chinese, the reference); spread into zh-CN. */
export const thumbZhCN = {
  'thumb.loose': '未分配',
  'thumb.looseHint': '这一页还不属于任何一件：选中后按 A 指定材料',
  'thumb.noMaterial': '未定材料',
  'thumb.materialHint': '材料：{name}',
  'thumb.item': '第 {n} 件',
  'thumb.itemHint': '本批次办理的第 {n} 件业务',
  'thumb.draft': '未归档',
  'thumb.draftHint': '这一件尚未归档，页面还可以编辑',
  'thumb.filed': '已归档 {number}号',
  'thumb.filedHint': '已归档，档号 {code}（件号 {number}）；页面不能再编辑',
  'pageEdit.filed': '第 {seq} 页已归档（档号 {code}），不能再拆分、合并、移动、旋转或删除；缺页请补件（A），信息有误请更正',
  'pageEdit.filedTarget': '前一份文件已归档（档号 {code}），不能再并入页面；请补件（A）',
} as const;
