/**
 * Relations between documents and effective dates read from legal texts (shared/legal/relations.ts).
 * Every sentence below is copied from a gazette text of ../shared/corpora/legal/catalog (the
 * document named above each case); only the header around it is shortened.
 */
import { describe, expect, it } from 'vitest';
import { extractRelations, numberKeys, printedKeys } from '../../shared/legal/relations.js';
import type { Relation } from '../../shared/legal/relations.js';

/** A document: its header (organ, number, type, title), its Căn cứ lines, then its articles. */
function doc(organ: string, number: string, type: string, title: string[], preamble: string[], body: string[]): string {
  return [
    'CÔNG BÁO/Số 851 + 852/Ngày 01-7-2025',
    '3',
    organ,
    `Số: ${number}`,
    'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
    'Độc lập - Tự do - Hạnh phúc',
    'Hà Nội, ngày 25 tháng 6 năm 2025',
    type,
    ...title,
    '',
    ...preamble,
    ...body,
  ].join('\n');
}

const brief = (relations: Relation[]) => relations.map((r) => `${r.kind} ${r.target} ${r.scope}`);

describe('relations stated by a document', () => {
  it('replaces: "Thông tư này thay thế …" (16/2023/TT-BLĐTBXH), with its effective date', () => {
    const text = doc('BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', '16/2023/TT-BLĐTBXH', 'THÔNG TƯ', ['Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Thi đua,', 'khen thưởng trong lĩnh vực lao động, người có công và xã hội'], ['Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;'], [
      'Điều 12. Hiệu lực thi hành',
      '1. Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 02.năm 2024.',
      '2. Thông tư này thay thế Thông tư số 08/2019/TT-BLĐTBXH ngày 08 tháng 3',
      'năm 2019 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội hướng dẫn công tác thi đua, khen thưởng ngành Lao động - Thương binh và Xã hội.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBe('2024-02-15');
    expect(brief(relations)).toEqual(['guides null part', 'replaces 08/2019/TT-BLĐTBXH whole']);
    // The law is cited only by date: its number is not printed, its title stands for it.
    expect(relations[0].targetTitle).toBe('Luật Thi đua, khen thưởng');
    expect(relations[1].evidence).toMatch(/^Thông tư này thay thế Thông tư số 08\/2019\/TT-BLĐTBXH/);
  });

  it('replaces: "<luật> hết hiệu lực từ ngày Luật này có hiệu lực" (50/2024/QH15)', () => {
    const text = doc('QUỐC HỘI', '50/2024/QH15', 'LUẬT', ['CÔNG ĐOÀN'], ['Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;'], [
      'Điều 37. Hiệu lực thi hành',
      'Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2025.',
      'Luật Công đoàn số 12/2012/QH13 hết hiệu lực từ ngày Luật này có hiệu lực',
      'thi hành./.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBe('2025-07-01');
    expect(brief(relations)).toEqual(['replaces 12/2012/QH13 whole']);
  });

  it('replaces part when the text keeps an article in force: "trừ Điều 75 …" (61/2020/QH14)', () => {
    const text = doc('QUỐC HỘI', '61/2020/QH14', 'LUẬT', ['ĐẦU TƯ'], ['Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;'], [
      'Điều 76. Điều khoản thi hành',
      '1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021, trừ quy định',
      'tại khoản 2 Điều này.',
      '3. Luật Đầu tư số 67/2014/QH14 đã được sửa đổi, bổ sung một số điều theo',
      'Luật số 90/2015/QH13, Luật số 03/2016/QH14, Luật số 04/2017/QH14, Luật số',
      '28/2018/QH14 và Luật số 42/2019/QH14 hết hiệu lực kể từ ngày Luật này có hiệu',
      'lực thi hành, trừ Điều 75 của Luật Đầu tư số 67/2014/QH14.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBe('2021-01-01');
    // As printed (the term is a misprint for QH13); the laws that amended it are not targets.
    expect(brief(relations)).toEqual(['replaces 67/2014/QH14 part']);
  });

  it('replaces: the documents listed after "các Thông tư sau hết hiệu lực thi hành:" (07/2024/TT-BKHĐT)', () => {
    const text = doc('BỘ KẾ HOẠCH VÀ ĐẦU TƯ', '07/2024/TT-BKHĐT', 'THÔNG TƯ', ['Quy định chi tiết mẫu hồ sơ yêu cầu, báo cáo đánh giá, báo cáo thẩm định'], [], [
      'Điều 6. Hiệu lực thi hành',
      '1. Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 6 năm 2024.',
      '2. Kể từ ngày Thông tư này có hiệu lực thi hành, các Thông tư sau hết hiệu lực',
      'thi hành:',
      'a) Thông tư số 10/2016/TT-BKHĐT ngày 22 tháng 7 năm 2016 của Bộ trưởng',
      'Bộ Kế hoạch và Đầu tư quy định chi tiết việc giám sát, theo dõi và kiểm tra hoạt',
      'động đấu thầu;',
      'b) Thông tư số 19/2015/TT-BKHĐT ngày 27 tháng 11 năm 2015 của Bộ trưởng',
      'Bộ Kế hoạch và Đầu tư quy định chi tiết lập báo cáo thẩm định trong quá trình tổ',
      'chức lựa chọn nhà thầu;',
      '3. Bãi bỏ quy định tại Điều 10 Thông tư số 09/2019/TT-BKHĐT ngày 29 tháng',
      '7 năm 2019 của Bộ trưởng Bộ Kế hoạch và Đầu tư sửa đổi, bổ sung, bãi bỏ một số',
      'điều khoản của các Thông tư liên quan đến chế độ báo cáo định kỳ.',
    ]);
    const { relations } = extractRelations(text);
    expect(brief(relations)).toEqual(['replaces 10/2016/TT-BKHĐT whole', 'replaces 19/2015/TT-BKHĐT whole', 'repeals 09/2019/TT-BKHĐT part']);
    expect(relations[2].articles).toEqual(['Điều 10']);
  });

  it('replaces part: a form of the amended decree; repeals part: a clause of it (128/2026/NĐ-CP)', () => {
    const text = doc('CHÍNH PHỦ', '128/2026/NĐ-CP', 'NGHỊ ĐỊNH', [
      'Sửa đổi, bổ sung một số điều của Nghị định số 85/2024/NĐ-CP',
      'ngày 10 tháng 7 năm 2024 của Chính phủ quy định chi tiết một số điều',
      'của Luật Giá số 16/2023/QH15 được sửa đổi, bổ sung bởi Luật số 44/2024/QH15,',
      'Luật số 61/2024/QH15, Luật số 95/2025/QH15 và Luật số 140/2025/QH15',
    ], [
      'Căn cứ Luật Giá số 16/2023/QH15 được sửa đổi, bổ sung bởi Luật số',
      '44/2024/QH15, Luật số 61/2024/QH15, Luật số 95/2025/QH15 và Luật số',
      '140/2025/QH15;',
    ], [
      'Điều 7. Thay thế, bãi bỏ một số cụm từ, khoản, phụ lục của Nghị định',
      'số 85/2024/NĐ-CP',
      '1. Thay thế một số cụm từ như sau:',
      'a) Thay thế cụm từ “Ủy ban nhân dân cấp huyện” tại điểm a khoản 2 Điều',
      '9 bằng cụm từ “Ủy ban nhân dân cấp xã”;',
      '2. Thay thế Mẫu số 02 Phụ lục I bằng Phụ lục I ban hành kèm theo Nghị',
      'định này.',
      '4. Bãi bỏ một số cụm từ, khoản như sau:',
      'a) Bãi bỏ cụm từ “, Bộ Kế hoạch và Đầu tư” tại khoản 2 Điều 22;',
      'b) Bãi bỏ khoản 3 Điều 22.',
      'Điều 8. Điều khoản thi hành',
      '1. Nghị định này có hiệu lực thi hành kể từ ngày ký ban hành.',
    ]);
    const { effective, onSigning, relations } = extractRelations(text);
    // From signing: no date, said apart. The laws that amended the Luật Giá describe it; they are not targets.
    expect(effective).toBeNull();
    expect(onSigning).toBe(true);
    expect(brief(relations)).toEqual(['amends 85/2024/NĐ-CP part', 'replaces 85/2024/NĐ-CP part', 'repeals 85/2024/NĐ-CP part']);
    expect(relations.find((r) => r.kind === 'repeals')?.articles).toEqual(['Điều 22']);
  });

  it('repeals whole: "Bãi bỏ toàn bộ Thông tư liên tịch số …", target tidied (02/2026/TT-BTC)', () => {
    const text = doc('BỘ TÀI CHÍNH', '02/2026/TT-BTC', 'THÔNG TƯ', [
      'Bãi bỏ Thông tư liên tịch số 72/2011/TTLT-BTC-BGTVT ngày 27 tháng 5',
      'năm 2011 của Bộ trưởng Bộ Tài chính và Bộ trưởng Bộ Giao thông vận tải',
      'hướng dẫn cơ chế quản lý tài chính đào tạo lái xe cơ giới đường bộ',
    ], [], [
      'Điều 1. Bãi bỏ toàn bộ Thông tư',
      'Bãi bỏ toàn bộ Thông tư liên tịch số 72/2011/TTLT-BTC- BGTVT ngày',
      '27 tháng 5 năm 2011 của Bộ trưởng Bộ Tài chính và Bộ trưởng Bộ Giao thông vận tải.',
      'Điều 2. Điều khoản thi hành',
      'Thông tư này có hiệu lực thi hành từ ngày 20 tháng 02 năm 2026./.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBe('2026-02-20');
    expect(brief(relations)).toEqual(['repeals 72/2011/TTLT-BTC-BGTVT whole']);
  });

  it('amends, and repeals the articles its amending article names without naming the document again (09/2021/TT-BLĐTBXH)', () => {
    const text = doc('BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI', '09/2021/TT-BLĐTBXH', 'THÔNG TƯ', [
      'Sửa đổi, bổ sung một số điều của Thông tư số 08/2020/TT-BLĐTBXH ngày',
      '15/10/2020 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội hướng dẫn',
      'về bảo vệ việc làm của người tố cáo là người làm việc theo hợp đồng lao động',
    ], ['Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;'], [
      'Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 08/2020/TT-BLĐTBXH',
      'ngày 15/10/2020 của Bộ trưởng Bộ Lao động - Thương binh và Xã hội hướng',
      'dẫn về bảo vệ việc làm của người tố cáo là người làm việc theo hợp đồng lao động',
      '1. Sửa đổi Điều 4 như sau:',
      '“Điều 4. Trình tự, thủ tục bảo vệ',
      'Trình tự, thủ tục bảo vệ được thực hiện theo quy định tại Mục 2 Chương VI',
      'Luật Tố cáo”.',
      '3. Bãi bỏ các điều 5 và 6.',
      'Điều 2. Hiệu lực thi hành',
      'Thông tư này có hiệu lực thi hành từ ngày 01 tháng 11 năm 2021.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBe('2021-11-01');
    expect(brief(relations)).toEqual(['amends 08/2020/TT-BLĐTBXH part', 'repeals 08/2020/TT-BLĐTBXH part']);
    expect(relations[1].articles).toEqual(['Điều 5', 'Điều 6']);
  });

  it('guides: a law named by title, resolved through the Căn cứ line that prints its number (170/2026/NĐ-CP)', () => {
    const text = doc('CHÍNH PHỦ', '170/2026/NĐ-CP', 'NGHỊ ĐỊNH', ['Quy định chi tiết và hướng dẫn thi hành một số điều', 'của Luật Thi hành án hình sự'], [
      'Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;',
      'Căn cứ Luật Thi hành án hình sự số 127/2025/QH15;',
      'Căn cứ Bộ luật Lao động số 45/2019/QH14;',
    ], [
      'Điều 44. Hiệu lực thi hành',
      '1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2026.',
      '2. Nghị định số 118/2024/NĐ-CP ngày 30 tháng 9 năm 2024 quy định chi',
      'tiết thi hành một số điều của Luật Thi hành án hình sự và Nghị định số',
      '09/2023/NĐ-CP ngày 13 tháng 3 năm 2023 quy định chi tiết thi hành Nghị',
      'quyết số 54/2022/QH15 ngày 16 tháng 6 năm 2022 của Quốc hội thí điểm mô',
      'hình tổ chức hoạt động lao động, hướng nghiệp, dạy nghề cho phạm nhân ngoài',
      'trại giam hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBe('2026-07-01');
    // Neither the Căn cứ laws nor the resolution in 09/2023's description are targets.
    expect(brief(relations)).toEqual(['guides 127/2025/QH15 part', 'replaces 118/2024/NĐ-CP whole', 'replaces 09/2023/NĐ-CP whole']);
  });

  it('guides: the documents its scope names, one after another (212/2025/NĐ-CP)', () => {
    const text = doc('CHÍNH PHỦ', '212/2025/NĐ-CP', 'NGHỊ ĐỊNH', ['Quy định chi tiết hoạt động đầu tư từ quỹ bảo hiểm xã hội,', 'bảo hiểm y tế, bảo hiểm thất nghiệp'], [
      'Căn cứ Luật Bảo hiểm xã hội số 41/2024/QH15;',
      'Căn cứ Luật Việc làm số 38/2013/QH13;',
      'Căn cứ Luật Bảo hiểm y tế số 25/2008/QH12 được sửa đổi, bổ sung bởi Luật',
      'số Luật số 32/2013/QH13, Luật số 46/2014/QH13 và Luật số 51/2024/QH15;',
    ], [
      'Điều 1. Phạm vi điều chỉnh',
      'Nghị định này quy định chi tiết hoạt động đầu tư từ quỹ bảo hiểm xã hội, bảo',
      'hiểm y tế, bảo hiểm thất nghiệp do Bảo hiểm xã hội Việt Nam quản lý theo quy định',
      'tại khoản 4 Điều 122, khoản 3 Điều 123, khoản 5 Điều 137 Luật Bảo hiểm xã hội,',
      'khoản 5 Điều 35 Luật Bảo hiểm y tế (được sửa đổi, bổ sung tại khoản 27 Điều 1',
      'Luật số 51/2024/QH15 sửa đổi, bổ sung một số điều của Luật Bảo hiểm y tế), và',
      'khoản 3 Điều 59 Luật Việc làm.',
      'Điều 24. Hiệu lực thi hành',
      '1. Nghị định này có hiệu lực thi hành kể từ ngày ký.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBeNull();
    expect(brief(relations)).toEqual(['guides 41/2024/QH15 part', 'guides 25/2008/QH12 part', 'guides 38/2013/QH13 part']);
  });

  it('consolidates: the base document and each amending one of a VBHN header, no effective date (4246/VBHN-BLĐTBXH)', () => {
    const text = [
      'CÔNG BÁO/Số 1021 + 1022/Ngày 06-12-2021',
      '91',
      'VĂN BẢN HỢP NHẤT -',
      'BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'THÔNG TƯ',
      'Hướng dẫn về bảo vệ việc làm của người tố cáo là',
      'người làm việc theo hợp đồng lao động',
      'Thông tư số 08/2020/TT-BLĐTBXH ngày 15 tháng 10 năm 2020 của Bộ',
      'trưởng Bộ Lao động - Thương binh và Xã hội hướng dẫn về bảo vệ việc làm của',
      'người tố cáo là người làm việc theo hợp đồng lao động, có hiệu lực thi hành kể từ',
      'ngày 01 tháng 12 năm 2020 được sửa đổi, bổ sung bởi:',
      'Thông tư số 09/2021/TT-BLĐTBXH ngày 07 tháng 9 năm 2021 của Bộ',
      'trưởng Bộ Lao động - Thương binh và Xã hội sửa đổi, bổ sung một số điều của',
      'Thông tư số 08/2020/TT-BLĐTBXH ngày 15 tháng 10 năm 2020 của Bộ trưởng',
      'Bộ Lao động - Thương binh và Xã hội hướng dẫn về bảo vệ việc làm của người tố',
      'cáo là người làm việc theo hợp đồng lao động, có hiệu lực thi hành kể từ ngày 01',
      'tháng 11 năm 2021.',
      'Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;',
      'Điều 1. Phạm vi điều chỉnh',
      'Điều 15. Hiệu lực thi hành',
      'Thông tư này có hiệu lực thi hành kể từ ngày 01 tháng 12 năm 2020.',
      '3. Bãi bỏ các điều 5 và 6.',
    ].join('\n');
    const { effective, relations } = extractRelations(text);
    expect(effective).toBeNull();
    expect(brief(relations)).toEqual(['consolidates 08/2020/TT-BLĐTBXH whole', 'consolidates 09/2021/TT-BLĐTBXH whole']);
  });

  it('consolidates: an amender of other laws too is part, the law amending the base alone whole (22/VBHN-VPQH)', () => {
    const text = [
      'VĂN BẢN HỢP NHẤT - VĂN PHÒNG QUỐC HỘI',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'LUẬT',
      'BẢO HIỂM Y TẾ',
      'Luật Bảo hiểm y tế số 25/2008/QH12 ngày 14 tháng 11 năm 2008 của Quốc',
      'hội, có hiệu lực kể từ ngày 01 tháng 7 năm 2009, được sửa đổi, bổ sung bởi:',
      '1. Luật số 32/2013/QH13 ngày 19 tháng 6 năm 2013 của Quốc hội sửa đổi, bổ',
      'sung một số điều của Luật Thuế thu nhập doanh nghiệp, có hiệu lực kể từ ngày 01',
      'tháng 01 năm 2014;',
      '2. Luật số 46/2014/QH13 ngày 13 tháng 6 năm 2014 của Quốc hội sửa đổi, bổ sung',
      'một số điều của Luật Bảo hiểm y tế, có hiệu lực kể từ ngày 01 tháng 01 năm 2015;',
      'Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992 đã',
      'được sửa đổi, bổ sung theo Nghị quyết số 51/2001/QH10;',
    ].join('\n');
    expect(brief(extractRelations(text).relations)).toEqual([
      'consolidates 25/2008/QH12 whole',
      'consolidates 32/2013/QH13 part',
      'consolidates 46/2014/QH13 whole',
    ]);
  });
});

describe('what never makes a relation', () => {
  it('Căn cứ lines, with their "được sửa đổi, bổ sung bởi" (02/2026/TT-BTC)', () => {
    const text = doc('BỘ TÀI CHÍNH', '99/2026/TT-BTC', 'THÔNG TƯ', ['Quy định mức thu, chế độ thu, nộp phí'], [
      'Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 đã',
      'được sửa đổi, bổ sung một số điều theo Luật số 87/2025/QH15;',
      'Căn cứ Nghị định số 78/2025/NĐ-CP ngày 01 tháng 4 năm 2025 của',
      'Chính phủ quy định chi tiết một số điều và biện pháp để tổ chức, hướng dẫn',
      'thi hành Luật Ban hành văn bản quy phạm pháp luật đã được sửa đổi, bổ sung',
      'bởi Nghị định số 187/2025/NĐ-CP;',
    ], ['Điều 1. Phạm vi điều chỉnh', 'Thông tư này quy định mức thu phí.']);
    expect(extractRelations(text).relations).toEqual([]);
  });

  it('đính chính: a correction of a technical error (372/QĐ-BTC)', () => {
    const text = doc('BỘ TÀI CHÍNH', '372 /QĐ-BTC', 'QUYẾT ĐỊNH', [
      'Về việc đính chính Thông tư số 138/2025/TT-BTC sửa đổi, bổ sung một số điều',
      'của Thông tư 95/2020/TT-BTC ngày 16 tháng 11 năm 2020 của Bộ trưởng Bộ Tài',
      'chính hướng dẫn giám sát giao dịch chứng khoán trên thị trường chứng khoán',
    ], ['Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư;'], [
      'Điều 1. Đính chính lỗi kỹ thuật tại Thông tư số 138/2025/TT-BTC ngày 30',
      'tháng 12 năm 2025 của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung một số điều của',
      'Thông tư 95/2020/TT-BTC ngày 16 tháng 11 năm 2020.',
      'Điều 3. Quyết định này có hiệu lực kể từ ngày ký, nội dung đính chính tại Quyết',
      'định này là bộ phận không tách rời của Thông tư số 138/2025/TT-BTC.',
    ]);
    expect(extractRelations(text)).toEqual({ effective: null, onSigning: true, relations: [] });
  });

  it('ngưng hiệu lực: a suspension, though its article lists the documents (15/2026/NQ-CP)', () => {
    const text = doc('CHÍNH PHỦ', '15/2026/NQ-CP', 'NGHỊ QUYẾT', [
      'Tạm ngưng hiệu lực Nghị định số 46/2026/NĐ-CP',
      'ngày 26 tháng 01 năm 2026 và Nghị quyết số 66.13/2026/NQ-CP',
      'ngày 27 tháng 01 năm 2026 của Chính phủ',
    ], [], [
      'Điều 1. Tạm ngưng hiệu lực áp dụng văn bản',
      'Tạm ngưng hiệu lực áp dụng cho đến khi Luật An toàn thực phẩm (sửa đổi)',
      'và Nghị định hướng dẫn Luật An toàn thực phẩm (sửa đổi) có hiệu lực thi hành',
      'đối với các văn bản sau đây:',
      '1. Nghị định số 46/2026/NĐ-CP ngày 26 tháng 01 năm 2026 của Chính phủ',
      'quy định chi tiết thi hành một số điều và biện pháp để tổ chức, hướng dẫn thi hành',
      'Luật An toàn thực phẩm.',
      'Điều 5. Hiệu lực thi hành',
      '1. Nghị quyết này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế Nghị',
      'quyết số 09/2026/NQ-CP ngày 04 tháng 02 năm 2026 của Chính phủ tạm ngưng hiệu',
      'lực và điều chỉnh thời hạn áp dụng Nghị định số 46/2026/NĐ-CP ngày 26 tháng 01',
      'năm 2026 và Nghị quyết số 66.13/2026/NQ-CP ngày 27 tháng 01 năm 2026 của Chính phủ.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBeNull();
    // The suspended documents are no target; the resolution it replaces is, and not the ones that one suspended.
    expect(brief(relations)).toEqual(['replaces 09/2026/NQ-CP whole']);
  });

  it('the quoted new wording inside an amending article (45/2019/QH14, Điều 219)', () => {
    const text = doc('QUỐC HỘI', '45/2019/QH14', 'BỘ LUẬT', ['LAO ĐỘNG'], [], [
      'Điều 219. Sửa đổi, bổ sung một số điều của các luật có liên quan đến lao động',
      '1. Sửa đổi, bổ sung một số điều của Luật Bảo hiểm xã hội số 58/2014/QH13',
      'đã được sửa đổi, bổ sung theo Luật số 84/2015/QH13 và Luật số 35/2018/QH14:',
      'a) Sửa đổi, bổ sung Điều 54 như sau:',
      '“Điều 54. Điều kiện hưởng lương hưu',
      '1. Người lao động quy định tại các điểm a, b, c, d, g, h và i khoản 1 Điều 2 của',
      'Luật này, trừ trường hợp quy định tại khoản 3 Điều này, khi nghỉ việc có đủ 20',
      'năm đóng bảo hiểm xã hội trở lên thì được hưởng lương hưu;',
      'b) Bãi bỏ Điều 55 của Luật số 84/2015/QH13;',
      '4. Điều kiện về tuổi hưởng lương hưu đối với một số trường hợp đặc biệt theo',
      'quy định của Chính phủ.”;',
      'Điều 220. Hiệu lực thi hành',
      '1. Bộ luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2021.',
      '2. Bộ luật Lao động số 10/2012/QH13 hết hiệu lực thi hành kể từ ngày Bộ luật',
      'này có hiệu lực.',
    ]);
    const { effective, relations } = extractRelations(text);
    expect(effective).toBe('2021-01-01');
    // Not 84/2015 nor 35/2018 (who amended the target), nor anything the quotation says.
    expect(brief(relations)).toEqual(['amends 58/2014/QH13 part', 'replaces 10/2012/QH13 whole']);
  });

  it('"đã được sửa đổi, bổ sung bởi": who amended the target, in the title and in an amending clause (06/2026/TT-BTC)', () => {
    const text = doc('BỘ TÀI CHÍNH', '06/2026/TT-BTC', 'THÔNG TƯ', [
      'Sửa đổi, bổ sung một số điều của Thông tư số 13/2015/TT-BTC ngày 30',
      'tháng 01 năm 2015 của Bộ trưởng Bộ Tài chính quy định về kiểm tra, giám',
      'sát, tạm dừng làm thủ tục hải quan đối với hàng hóa xuất khẩu, nhập khẩu',
      'có yêu cầu bảo vệ quyền sở hữu trí tuệ; kiểm soát hàng giả và hàng hóa',
      'xâm phạm quyền sở hữu trí tuệ được sửa đổi, bổ sung bởi Thông tư số',
      '13/2020/TT-BTC',
    ], ['Căn cứ Luật Hải quan số 54/2014/QH13 được sửa đổi, bổ sung bởi Luật', 'số 90/2025/QH15;'], [
      'Điều 1. Sửa đổi, bổ sung một số điều của Thông tư số 13/2015/TT-BTC',
      'đã được sửa đổi, bổ sung một số điều bởi Thông tư số 13/2020/TT-BTC',
      '1. Sửa đổi, bổ sung Điều 3 đã được sửa đổi, bổ sung theo quy định tại',
      'khoản 1 Điều 1 Thông tư số 13/2020/TT-BTC như sau:',
    ]);
    expect(brief(extractRelations(text).relations)).toEqual(['amends 13/2015/TT-BTC part']);
  });

  it('a clause on cited documents being replaced, and a condition on one losing effect (25/2023/TT-BKHĐT, 212/2025/NĐ-CP)', () => {
    const text = doc('CHÍNH PHỦ', '212/2025/NĐ-CP', 'NGHỊ ĐỊNH', ['Quy định hoạt động đầu tư từ quỹ bảo hiểm xã hội'], [], [
      'Điều 23. Điều khoản chuyển tiếp',
      '5. Đối với hình thức đầu tư vào các dự án quan trọng do Thủ tướng Chính phủ',
      'phê duyệt, thực hiện theo quy định tại điểm đ khoản 1, khoản 2 Điều 4 và Điều 11',
      'Nghị định số 30/2016/NĐ-CP đến khi Luật Việc làm số 38/2013/QH13 ngày 16',
      'tháng 11 năm 2013 hết hiệu lực thi hành.',
      'Điều 24. Hiệu lực thi hành',
      '1. Nghị định này có hiệu lực thi hành kể từ ngày ký.',
      '2. Trường hợp các văn bản quy phạm pháp luật được viện dẫn tại Thông tư này',
      'được sửa đổi, bổ sung hoặc thay thế thì thực hiện theo văn bản quy phạm pháp',
      'luật mới được sửa đổi, bổ sung hoặc thay thế.',
    ]);
    expect(extractRelations(text)).toEqual({ effective: null, onSigning: true, relations: [] });
  });
});

describe('effective dates', () => {
  const readingOf = (...lines: string[]) => extractRelations(doc('CHÍNH PHỦ', '1/2025/NĐ-CP', 'NGHỊ ĐỊNH', ['Quy định về một việc'], [], ['Điều 9. Hiệu lực thi hành', ...lines]));
  const effectOf = (...lines: string[]) => readingOf(...lines).effective;

  it('reads the first sentence of the effect article, words or digits', () => {
    // 58/2014/QH13: entry into force in stages, the first sentence gives the date.
    expect(effectOf('1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2016, trừ quy định tại điểm b khoản 1 và khoản 2 Điều 2 của Luật này thì có hiệu lực thi hành kể từ ngày 01 tháng 01 năm 2018.')).toBe('2016-01-01');
    expect(effectOf('1. Thông tư này có hiệu lực thi hành kể từ ngày 01/7/2026.')).toBe('2026-07-01');
    expect(effectOf('Thông tư này có hiệu lực thi hành kể từ ngày 15 tháng 02 năm 2024; các', 'quy định tại Thông tư này áp dụng kể từ ngày 01 tháng 01 năm 2024.')).toBe('2024-02-15');
  });

  it('has none from signing, from another event, or when the text never says', () => {
    expect(effectOf('1. Quyết định này có hiệu lực thi hành kể từ ngày ký.')).toBeNull();
    expect(effectOf('Nghị quyết này có hiệu lực thi hành kể từ ngày thông qua.')).toBeNull();
    expect(effectOf('Thông tư này có hiệu lực thi hành sau 45 ngày kể từ ngày ký ban hành.')).toBeNull();
    expect(effectOf('Các Bộ trưởng chịu trách nhiệm thi hành Nghị định này./.')).toBeNull();
  });

  it('says apart a document in effect from signing (its issue date), not one dated from signing (02/2021/TT-BLĐTBXH)', () => {
    expect(readingOf('1. Quyết định này có hiệu lực thi hành kể từ ngày ký.').onSigning).toBe(true);
    expect(readingOf('1. Thông tư này có hiệu lực sau 45 ngày kể từ ngày ký. Các chế độ, chính sách').onSigning).toBe(false);
    expect(readingOf('1. Thông tư này có hiệu lực thi hành kể từ ngày 01/7/2026.').onSigning).toBe(false);
  });
});

describe('target numbers', () => {
  it('tidies a space after a hyphen and Cyrillic look-alike letters (20/2026/TT-BTC)', () => {
    const text = doc('BỘ TÀI CHÍNH', '20/2026/TT-BTC', 'THÔNG TƯ', ['Quy định về thuế'], [], [
      'Điều 10. Hiệu lực thi hành',
      '7. Thông tư này bãi bỏ các quy định liên quan đến chính sách thuế thu nhập',
      'doanh nghiệp tại:',
      'e) Điều 2, khoản 5 Điều 3, Điều 4, khoản 3 Điều 5 Thông tư số 67/2022/TT- BТС ngày 07 tháng 11 năm 2022',
      'của Bộ trưởng Bộ Tài chính hướng dẫn về nghĩa vụ thuế;',
    ]);
    expect(brief(extractRelations(text).relations)).toEqual(['repeals 67/2022/TT-BTC part']);
  });

  it('matches a law number printed with the wrong legislature term to the right one', () => {
    expect(numberKeys('67/2014/QH14')).toEqual(['67/2014/qh14', '67/2014/qh13']);
    expect(numberKeys('67/2014/QH13')).toEqual(['67/2014/qh13']);
    expect(numberKeys('08/2020/TT-BLĐTBXH')).toEqual(['08/2020/tt-bldtbxh']);
  });

  it('knows, from a law\'s key, the misprinted keys a text may name it by (the reverse of numberKeys)', () => {
    expect(printedKeys('67/2014/qh13')).toEqual(['67/2014/qh13', '67/2014/qh10', '67/2014/qh11', '67/2014/qh12', '67/2014/qh14', '67/2014/qh15', '67/2014/qh16']);
    // A year two terms share: a misprint could mean either, so each term is a misprint of both.
    expect(printedKeys('100/2016/qh14')).toContain('100/2016/qh15');
    expect(printedKeys('08/2020/tt-bldtbxh')).toEqual(['08/2020/tt-bldtbxh']);
  });
});
