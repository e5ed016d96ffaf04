import { useState } from 'react';
import { useT } from '../i18n/use-t';
import { boxStyle } from './ocr-view';
import { usePageOcrView } from './use-page-ocr';

interface OcrWordLayerProps {
  /** Screen pixels per stored page pixel (the viewer's zoom). */
  readonly scale: number;
  /** The viewer's display rotation (degrees), applied to the image. */
  readonly rotation: number;
  /** Words picked with the keyboard ("line:word"), lit until filled in. */
  readonly selected?: ReadonlySet<string>;
}

/**
 * The page's words as boxes over the image, turned with it: hovering one lights it (and its
 * place in the text panel), clicking one fills it into the clerk's current input.
 */
export function OcrWordLayer({ scale, rotation, selected }: OcrWordLayerProps) {
  const t = useT();
  const view = usePageOcrView();
  const [notice, setNotice] = useState<string | null>(null);
  if (!view?.ocr) return null;
  const { ocr, page, hovered, setHovered, fill } = view;
  // Boxes are in the stored image's pixels; the image is shown page.width × scale wide.
  const s = (page.width * scale) / ocr.width;
  const onFill = async (text: string) => {
    const how = await fill(text);
    setNotice(how === 'filled' ? t('ocr.filled', { value: text }) : t('ocr.copied', { value: text }));
  };
  return (
    <div
      className="ocr-layer"
      data-testid="ocr-layer"
      style={{ width: page.width * scale, height: page.height * scale, transform: `translate(-50%, -50%) rotate(${rotation}deg)` }}
      onMouseLeave={() => setHovered(null)}
    >
      {ocr.lines.flatMap((line, li) =>
        line.words.map((word, wi) => {
          const key = `${li}:${wi}`;
          return (
            <button
              key={key}
              type="button"
              tabIndex={-1}
              className={['ocr-word', hovered === key && 'is-hovered', selected?.has(key) && 'is-selected'].filter(Boolean).join(' ')}
              data-testid="ocr-word"
              data-word={word.text}
              aria-label={t('ocr.wordLabel', { text: word.text })}
              title={word.text}
              style={boxStyle(word.box, ocr.angle, s)}
              onMouseEnter={() => setHovered(key)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => void onFill(word.text)}
            />
          );
        }),
      )}
      {notice && (
        <div className="ocr-fill-notice" role="status" data-testid="ocr-fill-notice">
          {notice}
        </div>
      )}
    </div>
  );
}
