/**
 * What the sync tables keep of a run's words (catalog/sync/stored-messages.ts): references that
 * several things said of one run join, each said in one language, and a column that does not
 * hold one of this version's references shown as written rather than lost.
 */
import { describe, expect, it } from 'vitest';
import { joinRefs, readStoredRef, storeRef } from '../../../catalog/db/stored-refs.js';
import { say } from '../../../shared/messages.js';
import type { MessageRef } from '../../../shared/messages.js';

const expired: MessageRef = { key: 'feed.expired', params: { expiresAt: '2026-01-01T00:00:00.000Z' } };
const files: MessageRef = { key: 'sync.filesNotDownloaded', params: { count: 2 } };
const demo: MessageRef = { key: 'feed.demoRetired', params: { merged: 1, removed: 5 } };

describe('messages the sync tables keep', () => {
  it('joins what a run says, in order, each screen in its own language only', () => {
    expect(joinRefs([null])).toBeNull();
    expect(joinRefs([null, files])).toEqual(files);
    const joined = joinRefs([expired, files, demo])!;
    expect(say('vi', joined)).toBe(
      'Nguồn cấp đã hết hạn (2026-01-01T00:00:00.000Z); giữ danh mục hiện tại — 2 tệp chưa tải được, sẽ thử lại lần sau — ' +
        'Bộ tài liệu mẫu đã được thay bằng danh mục quốc gia: 1 văn bản gộp vào bản đồng bộ, 5 văn bản mẫu được gỡ',
    );
    expect(say('en', joined)).toBe(
      'The feed expired (2026-01-01T00:00:00.000Z); the current catalog is kept — 2 file(s) not downloaded; they will be tried again next time — ' +
        'The demo set was replaced by the national catalog: 1 document(s) merged into the synced ones, 5 demo document(s) removed',
    );
  });

  it('reads back what it stored, and shows anything else as written', () => {
    expect(readStoredRef(storeRef(expired))).toEqual(expired);
    expect(readStoredRef(storeRef(null))).toBeNull();
    expect(readStoredRef('Đĩa đầy / The disk is full')).toEqual({ key: 'message.written', params: { text: 'Đĩa đầy / The disk is full' } });
    const gone = JSON.stringify({ key: 'sync.noLongerAKey' });
    expect(readStoredRef(gone)).toEqual({ key: 'message.written', params: { text: gone } });
  });
});
