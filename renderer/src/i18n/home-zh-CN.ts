/** The home screen's words (Chinese, the reference). */
export const homeZhCN = {
  'home.title': '今日概览',
  'home.button': '首页（H）',
  'home.openBatches': '未关闭的批次（{count}）',
  'home.noOpenBatches': '没有未关闭的批次。按 N 新建。',
  'home.filedToday': '今日归档（件）',
  'home.pending': '容缺待补件（{count}）',
  'home.sync': '等待同步',
  'home.syncWaiting': '{count} 个批次',
  'home.syncNotSetUp': '尚未设置同步，请联系站长。',
  'home.hint': '点击批次名称打开；N 新建批次，H 回到首页。',
  'home.help': '回到首页（今日概览）',
} as const;
