import { useT } from '../i18n/use-t';
import { useActions } from '../state/desk-context';

interface ViewerToolbarProps {
  readonly position: string;
  readonly scale: number;
  readonly fitting: boolean;
  readonly atFirst: boolean;
  readonly atLast: boolean;
}

export function ViewerToolbar({ position, scale, fitting, atFirst, atLast }: ViewerToolbarProps) {
  const t = useT();
  const actions = useActions();
  return (
    <div className="viewer-toolbar">
      <span className="viewer-position" data-testid="viewer-position">
        {position}
      </span>
      <div className="viewer-buttons">
        <IconButton label={t('viewer.prev')} testId="viewer-prev" glyph="‹" disabled={atFirst} onClick={actions.prev} />
        <IconButton label={t('viewer.next')} testId="viewer-next" glyph="›" disabled={atLast} onClick={actions.next} />
        <span className="toolbar-sep" aria-hidden="true" />
        <IconButton label={t('viewer.zoomOut')} testId="viewer-zoom-out" glyph="−" onClick={actions.zoomOut} />
        <span className="viewer-zoom" data-testid="viewer-zoom">
          {t('viewer.zoom', { percent: Math.round(scale * 100) })}
        </span>
        <IconButton label={t('viewer.zoomIn')} testId="viewer-zoom-in" glyph="+" onClick={actions.zoomIn} />
        <IconButton
          label={t('viewer.fit')}
          testId="viewer-fit"
          glyph="⤢"
          pressed={fitting}
          onClick={actions.zoomFit}
        />
        <IconButton label={t('viewer.rotate')} testId="viewer-rotate" glyph="↻" onClick={actions.rotate} />
        <span className="toolbar-sep" aria-hidden="true" />
        <IconButton label={t('viewer.close')} testId="viewer-close" glyph="✕" onClick={actions.close} />
      </div>
    </div>
  );
}

interface IconButtonProps {
  readonly label: string;
  readonly testId: string;
  /** A symbol, not words: the translated label is the accessible name and the tooltip. */
  readonly glyph: string;
  readonly disabled?: boolean;
  readonly pressed?: boolean;
  readonly onClick: () => void;
}

function IconButton({ label, testId, glyph, disabled, pressed, onClick }: IconButtonProps) {
  return (
    <button
      type="button"
      className="icon-button"
      aria-label={label}
      title={label}
      data-testid={testId}
      disabled={disabled}
      aria-pressed={pressed}
      onClick={onClick}
    >
      <span aria-hidden="true">{glyph}</span>
    </button>
  );
}
