import { useEffect, useRef } from 'react';
import { useT } from '../i18n/use-t';
import { fitScale, rotatedSize } from './zoom';
import { useActions, useClient, useDesk } from '../state/desk-context';
import { selectedIndex } from '../state/desk-store';
import { OcrTextPanel } from '../ocr/ocr-text-panel';
import { OcrWordLayer } from '../ocr/ocr-word-layer';
import { PageOcrProvider } from '../ocr/use-page-ocr';
import { PageDetails } from './page-details';
import { useElementSize } from '../ui/use-element-size';
import { useFocusReturn } from '../ui/focus-return';
import { ViewerToolbar } from './viewer-toolbar';

/**
 * Full-window viewer of the selected page. Zoom and rotation change only how the image is shown;
 * rotation is a CSS transform and never touches the stored page.
 */
export function PageViewer() {
  const t = useT();
  const actions = useActions();
  const client = useClient();
  const viewer = useDesk((s) => s.viewer);
  const index = useDesk(selectedIndex);
  const count = useDesk((s) => s.pages.length);
  const page = useDesk((s) => s.pages[selectedIndex(s)] ?? null);
  const dialog = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const size = useElementSize(stage);

  // Keyboard focus moves into the viewer and back to where the clerk was when the viewer closes.
  useFocusReturn();
  useEffect(() => dialog.current?.focus(), []);

  const fit = page ? fitScale(page.width, page.height, viewer.rotation, size.width, size.height) : 1;
  useEffect(() => actions.setFitScale(fit), [actions, fit]);

  if (!page) return null;
  const scale = viewer.zoom === 'fit' ? fit : viewer.zoom;
  const shown = rotatedSize(page.width * scale, page.height * scale, viewer.rotation);

  return (
    <div className="viewer-backdrop">
      <div
        ref={dialog}
        className="viewer"
        role="dialog"
        aria-modal="true"
        aria-label={t('viewer.label')}
        tabIndex={-1}
        data-testid="page-viewer"
      >
        <ViewerToolbar
          position={t('viewer.position', { seq: page.seq, index: index + 1, count })}
          scale={scale}
          fitting={viewer.zoom === 'fit'}
          atFirst={index <= 0}
          atLast={index >= count - 1}
        />
        <PageOcrProvider key={page.id} page={page}>
        <div className="viewer-body">
          <div className="viewer-stage" ref={stage}>
            <div className="viewer-canvas" style={{ width: shown.width, height: shown.height }}>
              <img
                key={page.id}
                className="viewer-image"
                data-testid="page-image"
                data-rotation={viewer.rotation}
                src={client.blobUrl(page.imageSha256)}
                alt={t('viewer.imageAlt', { seq: page.seq })}
                draggable={false}
                style={{
                  width: page.width * scale,
                  height: page.height * scale,
                  transform: `translate(-50%, -50%) rotate(${viewer.rotation}deg)`,
                }}
              />
              <OcrWordLayer scale={scale} rotation={viewer.rotation} />
            </div>
          </div>
          {/* One side column, so the page has most of the width; the technical page data is folded away. */}
          <div className="viewer-side">
            <OcrTextPanel />
            <details className="viewer-more" data-testid="viewer-more">
              <summary>{t('details.title')}</summary>
              <PageDetails page={page} detail={viewer.detail?.id === page.id ? viewer.detail : null} />
            </details>
          </div>
        </div>
        </PageOcrProvider>
      </div>
    </div>
  );
}
