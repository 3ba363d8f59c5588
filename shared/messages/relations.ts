/**
 * Why a document has the status shown, when it is derived from its effective date and the
 * relations of the documents the station holds (catalog/relations/status.ts): a publication's
 * status reason. `{date}` is a day as Vietnamese write it (01/07/2025); `{document}` a title, or
 * `relations.document` joining a title and a number. Merged into shared/messages.ts.
 */

export const relationsVi = {
  'relations.inForceSince': 'Có hiệu lực từ {date}',
  'relations.notYetInForce': 'Chưa có hiệu lực; có hiệu lực từ {date}',
  'relations.replacedBy': 'Hết hiệu lực từ {date}, thay thế bởi {document}',
  'relations.repealedBy': 'Hết hiệu lực từ {date}, bị bãi bỏ bởi {document}',
  'relations.endsOn': 'Sẽ hết hiệu lực từ {date} theo {document}',
  'relations.amendedBy': 'Một phần được sửa đổi, bổ sung bởi {document} từ {date}',
  'relations.partlyRepealedBy': 'Một phần bị bãi bỏ bởi {document} từ {date}',
  'relations.partlyReplacedBy': 'Một phần được thay thế bởi {document} từ {date}',
  'relations.document': '{title} {number}',
} as const;

export const relationsEn: Record<keyof typeof relationsVi, string> = {
  'relations.inForceSince': 'In force since {date}',
  'relations.notYetInForce': 'Not yet in force; in force from {date}',
  'relations.replacedBy': 'No longer in force since {date}, replaced by {document}',
  'relations.repealedBy': 'No longer in force since {date}, repealed by {document}',
  'relations.endsOn': 'Ceases to be in force on {date} under {document}',
  'relations.amendedBy': 'Partly amended by {document} since {date}',
  'relations.partlyRepealedBy': 'Partly repealed by {document} since {date}',
  'relations.partlyReplacedBy': 'Partly replaced by {document} since {date}',
  'relations.document': '{title} ({number})',
};
