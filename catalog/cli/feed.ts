/**
 * `bookshelf keygen` and `bookshelf publish`: make the hub's signing keys, and publish the
 * library's changes as a signed feed folder (docs/feed.md). Output is bilingual.
 */
import path from 'node:path';
import { Library } from '../library.js';
import { generateKeyPair, loadPrivateKey } from '../feed/keys.js';
import { publish } from '../feed/publish.js';

type Write = (text: string) => void;
const stdout: Write = (text) => process.stdout.write(text);

export async function runKeygen(flags: { out: string }, write: Write = stdout): Promise<number> {
  const keys = generateKeyPair(path.resolve(flags.out));
  write(
    [
      `Khoá bí mật (chỉ chủ sở hữu đọc được, giữ kín) / Private key (owner-only, keep it secret): ${keys.privateKeyPath}`,
      `Khoá công khai (gửi cho các trạm) / Public key (give it to stations): ${keys.publicKeyPath}`,
      `Mã khoá / Key id: ${keys.keyId}`,
    ].join('\n') + '\n',
  );
  return 0;
}

export async function runPublish(flags: { libraryDir: string; out: string; key: string; snapshot: boolean; refresh: boolean }, write: Write = stdout): Promise<number> {
  const privateKey = loadPrivateKey(flags.key);
  const library = await Library.open(flags.libraryDir);
  try {
    const result = await publish(library, { outDir: path.resolve(flags.out), privateKey, snapshot: flags.snapshot, refresh: flags.refresh });
    if (!result.published) {
      write(`Không có thay đổi; nguồn cấp giữ nguyên (số thứ tự ${result.sequence}) / No changes; the feed is unchanged (sequence ${result.sequence})\n`);
      return 0;
    }
    if (result.refreshed) {
      write(`Không có thay đổi; đã ký lại tài liệu gốc với hạn mới (số thứ tự ${result.sequence}) / No changes; the root was re-signed with a new expiry (sequence ${result.sequence})\n`);
      return 0;
    }
    const mb = (result.bytes / 1024 / 1024).toFixed(1);
    write(
      [
        `Đã xuất bản / Published: ${flags.out} — số thứ tự / sequence ${result.sequence}`,
        `Thay đổi / Changes: ${result.ops}; trang thay đổi / change pages: ${result.pages}${result.snapshot ? '; có bản chụp / snapshot written' : ''}`,
        `Tệp mới / New files: ${result.files} (${mb} MB)`,
        `Nội dung để tìm kiếm mới / New text objects: ${result.texts} (${(result.textBytes / 1024).toFixed(0)} KB)`,
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    library.close();
  }
}
