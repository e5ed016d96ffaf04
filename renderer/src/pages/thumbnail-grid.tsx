import { memo, useCallback, useMemo, type CSSProperties, type DragEvent, type MouseEvent } from 'react';
import type { PageSummary } from '../../../shared/contract';
import { useT } from '../i18n/use-t';
import type { Translate } from '../i18n/translate';
import { documentMarks } from './page-editing';
import type { GridGeometry } from '../ui/virtual-window';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { selectedIndex } from '../state/desk-store';
import { VirtualGrid } from '../ui/virtual-grid';
import { useScheme } from '../filing/use-scheme';
import { ThumbBadges } from './thumb-badges';
import { useBatchOcrStates } from '../ocr/use-batch-ocr-states';
import type { OcrState } from '../../../shared/contract';

// Fixed cell size is what makes the windowing arithmetic exact; keep in step with grid.css.
const GEOMETRY: GridGeometry = { cellWidth: 168, cellHeight: 268, gap: 12 };

export function ThumbnailGrid() {
  const t = useT();
  const actions = useActions();
  const client = useClient();
  const pages = useDesk((s) => s.pages);
  const loading = useDesk((s) => s.pagesLoading);
  const selected = useDesk(selectedIndex);
  const selectedId = useDesk((s) => s.selectedPageId);
  const ocrStates = useBatchOcrStates(useDesk((s) => s.currentBatchId));
  // Which document each page is in, shown on the thumbnails so split and merge can be seen.
  const marks = useMemo(() => documentMarks(pages), [pages]);
  const language = useDesk((s) => s.language);
  const { scheme } = useScheme();
  const materialNames = useMemo(() => new Map((scheme?.materialTypes ?? []).map((m) => [m.code, language === 'en' ? m.nameEn : m.name])), [scheme, language]);

  // One handler for all cells (found through data-index) instead of a closure per cell.
  const pageAt = (event: MouseEvent) => {
    const cell = (event.target as HTMLElement).closest<HTMLElement>('[data-index]');
    return cell ? pages[Number(cell.dataset.index)] : undefined;
  };
  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const page = pageAt(event);
    if (page) actions.select(page.id);
  };
  const onDoubleClick = (event: MouseEvent<HTMLDivElement>) => {
    const page = pageAt(event);
    if (page) actions.openViewer(page.id);
  };
  // Dragging a thumbnail onto another reorders within a document or moves it to the other's.
  const onDragStart = (event: DragEvent<HTMLDivElement>) => {
    const page = pageAt(event);
    if (!page) return;
    event.dataTransfer.setData(PAGE_DRAG_TYPE, page.id);
    event.dataTransfer.effectAllowed = 'move';
  };
  const onDragOver = (event: DragEvent<HTMLDivElement>) => {
    if (!event.dataTransfer.types.includes(PAGE_DRAG_TYPE)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'move';
  };
  const onDrop = (event: DragEvent<HTMLDivElement>) => {
    const dragged = event.dataTransfer.getData(PAGE_DRAG_TYPE);
    const target = pageAt(event);
    if (!dragged || !target) return;
    event.preventDefault();
    void actions.dropPage(dragged, target.id);
  };

  const renderCell = useCallback(
    (index: number, style: CSSProperties) => {
      const page = pages[index];
      if (!page) return null;
      return (
        <ThumbCell
          key={page.id}
          t={t}
          index={index}
          page={page}
          selected={page.id === selectedId}
          src={client.blobUrl(page.thumbSha256)}
          style={style}
          ocr={ocrStates.get(page.id)}
          mark={marks.get(page.id)}
          materialName={page.filing?.material ? (materialNames.get(page.filing.material) ?? null) : null}
        />
      );
    },
    [pages, selectedId, client, t, ocrStates, marks, materialNames],
  );

  if (pages.length === 0) {
    return <div className="grid-empty muted">{loading ? t('grid.loading') : t('grid.empty')}</div>;
  }
  return (
    <VirtualGrid
      className="thumb-grid"
      data-testid="thumb-grid"
      data-focus-home
      role="listbox"
      tabIndex={0}
      aria-label={t('grid.label')}
      aria-activedescendant={selectedId ? cellId(selectedId) : undefined}
      itemCount={pages.length}
      geometry={GEOMETRY}
      revealIndex={selected}
      onColumnsChange={actions.setGridColumns}
      renderCell={renderCell}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDrop={onDrop}
    />
  );
}

interface ThumbCellProps {
  readonly t: Translate;
  readonly index: number;
  readonly page: PageSummary;
  readonly selected: boolean;
  readonly src: string;
  readonly style: CSSProperties;
  readonly ocr: OcrState | undefined;
  readonly mark: { readonly document: number; readonly first: boolean } | undefined;
  readonly materialName: string | null;
}

const ThumbCell = memo(function ThumbCell({ t, index, page, selected, src, style, ocr, mark, materialName }: ThumbCellProps) {
  return (
    <div
      id={cellId(page.id)}
      role="option"
      aria-selected={selected}
      className={['thumb', selected && 'is-selected', mark?.first && 'is-document-start', page.filing?.filed && 'is-filed'].filter(Boolean).join(' ')}
      data-testid="page-thumb"
      data-index={index}
      data-page-id={page.id}
      data-seq={page.seq}
      data-document={mark?.document}
      data-image={page.imageSha256}
      draggable
      style={style}
    >
      <div className="thumb-frame">
        <img loading="lazy" decoding="async" draggable={false} src={src} alt={t('grid.thumbAlt', { seq: page.seq })} />
      </div>
      <ThumbBadges t={t} page={page} ocr={ocr} mark={mark} materialName={materialName} />
    </div>
  );
});

const PAGE_DRAG_TYPE = 'application/x-hpf-page';

function cellId(pageId: string): string {
  return `page-${pageId}`;
}
