import { useEffect, useRef } from 'react';
import { useActions, useDesk } from '../state/desk-context';
import { AppHeader } from './app-header';
import { BatchList } from '../batches/batch-list';
import { BatchView } from '../batches/batch-view';
import { FilingPanel } from '../filing/filing-panel';
import { BackfileScreens } from '../backfile/backfile-screens';
import { OcrQueueDialog } from '../ocr/ocr-queue-dialog';
import { MovePageDialog } from '../pages/move-page-dialog';
import { TrashDialog } from '../pages/trash-dialog';
import { TrashPageDialog } from '../pages/trash-page-dialog';
import { SchemeAdminDialog } from '../scheme-admin/scheme-admin-dialog';
import { CameraPanel } from '../capture/camera-panel';
import { HelpOverlay } from './help-overlay';
import { NewBatchDialog } from '../batches/new-batch-dialog';
import { NoticeBar } from './notice-bar';
import { PageViewer } from '../pages/page-viewer';
import { ScanProfileDialog } from '../capture/scan-profile-dialog';
import { SyncPanel } from '../sync/sync-panel';
import { SearchDialog } from '../search/search-dialog';
import { StatsDialog } from '../stats/stats-dialog';
import { SyncSettingsDialog } from '../sync/sync-settings-dialog';
import { CloseBatchDialog } from '../sync/close-batch-dialog';
import { SignInDialog } from '../session/sign-in-dialog';
import { usePreventFileNavigation } from '../ui/use-file-drop';
import { useShortcuts } from './use-shortcuts';

export function App() {
  const actions = useActions();
  const dialog = useDesk((s) => s.dialog);
  const viewerOpen = useDesk((s) => s.viewer.open);
  // The desk itself appears once someone is signed in; the core would refuse it anyway.
  const signedIn = useDesk((s) => s.session?.user != null);
  // The hidden file input lives in the batch toolbar; the O shortcut clicks it from here.
  const importInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const controller = new AbortController();
    actions.connect(controller.signal);
    return () => controller.abort();
  }, [actions]);
  useShortcuts(importInput);
  usePreventFileNavigation();

  return (
    <div className="app">
      <AppHeader />
      <NoticeBar />
      {signedIn && (
        <div className="workspace">
          <BatchList />
          <BatchView importInput={importInput} />
          <FilingPanel />
        </div>
      )}
      {viewerOpen && <PageViewer />}
      {dialog === 'new-batch' && <NewBatchDialog />}
      {dialog === 'help' && <HelpOverlay />}
      {dialog === 'scan-profiles' && <ScanProfileDialog />}
      {dialog === 'camera' && <CameraPanel />}
      {dialog === 'sync' && <SyncPanel />}
      {dialog === 'sync-settings' && <SyncSettingsDialog />}
      {dialog === 'close-batch' && <CloseBatchDialog />}
      {dialog === 'ocr-queue' && <OcrQueueDialog />}
      <BackfileScreens dialog={dialog} />
      {dialog === 'search' && <SearchDialog />}
      {dialog === 'stats' && <StatsDialog />}
      {dialog === 'trash-page' && <TrashPageDialog />}
      {dialog === 'trash' && <TrashDialog />}
      {dialog === 'move-page' && <MovePageDialog />}
      {dialog === 'scheme-admin' && <SchemeAdminDialog />}
      {dialog === 'sign-in' && <SignInDialog />}
    </div>
  );
}
