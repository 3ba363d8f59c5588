/**
 * `bookshelf keygen` and `bookshelf publish`: make the hub's signing keys, and publish the
 * library's changes as a signed feed folder (docs/feed.md), with the hub's thesaurus additions
 * (`--thesaurus FILE|none`, docs/search.md). Output is bilingual.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { Library } from '../library.js';
import { generateKeyPair, loadPrivateKey } from '../feed/keys.js';
import { publish } from '../feed/publish.js';
import { MAX_THESAURUS_BYTES, setThesaurusAdditions } from '../search/lexicon.js';

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

/** Stores the additions `--thesaurus` names ("none" removes them); false when the file is refused. */
async function setAdditions(library: Library, file: string, write: Write): Promise<boolean> {
  let text: string | null = null;
  if (file !== 'none') {
    try {
      text = await fs.readFile(path.resolve(file), 'utf8');
    } catch (error) {
      write(`Không đọc được tệp từ ngữ ${file} (${(error as NodeJS.ErrnoException).code ?? 'lỗi'}); chưa xuất bản / Cannot read the thesaurus file ${file}; nothing published\n`);
      return false;
    }
  }
  const { problems, entries, tooLarge } = setThesaurusAdditions(library.db, text);
  if (tooLarge) {
    write(`Tệp từ ngữ quá lớn (tối đa ${MAX_THESAURUS_BYTES / 1024} KB); chưa xuất bản / The thesaurus file is too large (at most ${MAX_THESAURUS_BYTES / 1024} KB); nothing published\n`);
    return false;
  }
  if (problems.length > 0) {
    write(`Các dòng sau không đúng dạng "từ dân dùng, … => từ luật dùng, …"; chưa xuất bản / These lines are not "everyday words, … => legal words, …"; nothing published:\n`);
    for (const problem of problems.slice(0, 20)) write(`  ${file}:${problem.line}: ${problem.text}\n`);
    return false;
  }
  write(text === null ? 'Đã bỏ từ ngữ bổ sung / Thesaurus additions removed\n' : `Từ ngữ bổ sung / Thesaurus additions: ${entries} mục / entries\n`);
  return true;
}

export async function runPublish(
  flags: { libraryDir: string; out: string; key: string; snapshot: boolean; refresh: boolean; thesaurus?: string },
  write: Write = stdout,
): Promise<number> {
  const privateKey = loadPrivateKey(flags.key);
  const library = await Library.open(flags.libraryDir);
  try {
    if (flags.thesaurus !== undefined && !(await setAdditions(library, flags.thesaurus, write))) return 1;
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
        ...(result.thesaurus ? ['Từ ngữ bổ sung đi kèm nguồn cấp đã thay đổi / The thesaurus additions the feed carries changed'] : []),
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    library.close();
  }
}
