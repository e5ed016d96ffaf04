import { ScanFault } from '../scan-driver';

/**
 * What scanimage's last words mean for the clerk. SANE reports statuses as fixed English texts
 * (sane_strstatus); they are matched here, in one place, with the exit code as a fallback.
 */
export function faultFromScanimage(lines: readonly string[], exitCode: number | null, pagesSoFar: number): ScanFault | 'end' {
  const said = lines.filter((l) => l.startsWith('scanimage:')).join(' ');
  const detail = said.replace(/scanimage:\s*/g, '').trim();
  if (/out of documents/i.test(said) || exitCode === 7) {
    return pagesSoFar > 0 ? 'end' : new ScanFault('feeder_empty', `进纸器中没有纸张 / the document feeder is empty (${detail})`);
  }
  if (/jammed/i.test(said) || exitCode === 6) {
    return new ScanFault('jammed', `进纸器卡纸 / paper jam in the feeder (${detail}); 已扫描的 ${pagesSoFar} 页已保存 / the ${pagesSoFar} pages before it are kept`);
  }
  if (/cover is open/i.test(said) || exitCode === 8) return new ScanFault('cover_open', `扫描仪盖板打开 / the scanner cover is open (${detail})`);
  if (/busy/i.test(said) || exitCode === 3) return new ScanFault('device_busy', `扫描仪忙 / the scanner is busy (${detail})`);
  if (/open of device .* failed/i.test(said)) {
    return new ScanFault('device_not_found', `找不到扫描仪或无法打开 / scanner not found or cannot be opened (${detail})`);
  }
  if (/I\/O|io error/i.test(said) || exitCode === 9) {
    return pagesSoFar > 0
      ? new ScanFault('device_lost', `扫描中扫描仪断开 / the scanner went away during the scan (${detail}); 已保存 ${pagesSoFar} 页 / ${pagesSoFar} pages kept`)
      : new ScanFault('device_error', `扫描仪输入输出错误 / scanner I/O error (${detail})`);
  }
  if (/access.*denied/i.test(said) || exitCode === 11) return new ScanFault('device_error', `无权使用扫描仪 / no permission for the scanner (${detail})`);
  if (exitCode === 0) return 'end';
  return new ScanFault('device_error', `扫描失败 / the scan failed (exit ${exitCode}${detail ? `: ${detail}` : ''})`);
}
