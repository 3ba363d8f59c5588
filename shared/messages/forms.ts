/**
 * What a form says when a field is not filled in right (renderer/src/forms/): the words that stand
 * in for the browser's own validation bubbles, which speak the browser's language ("Please fill out
 * this field.") whatever the screen's, and the date field typed as day/month/year. Vietnamese
 * first; merged into shared/messages.ts.
 */

export const formsVi = {
  'form.valueMissing': 'Hãy điền vào ô này.',
  'form.selectMissing': 'Hãy chọn một mục.',
  'form.checkMissing': 'Hãy đánh dấu ô này để tiếp tục.',
  'form.tooShort': 'Cần ít nhất {min} ký tự; ô này mới có {count}.',
  'form.tooLong': 'Nhiều nhất {max} ký tự.',
  'form.patternMismatch': 'Chưa đúng dạng yêu cầu.',
  'form.patternMismatchHint': 'Chưa đúng dạng yêu cầu: {hint}',
  'form.numberTooSmall': 'Số nhỏ nhất được phép là {min}.',
  'form.numberTooLarge': 'Số lớn nhất được phép là {max}.',
  'form.numberInvalid': 'Hãy nhập một số nguyên, ví dụ 180.',
  'form.urlInvalid': 'Hãy nhập một địa chỉ đầy đủ, bắt đầu bằng https://',
  'form.emailInvalid': 'Hãy nhập một địa chỉ thư điện tử, ví dụ ten@xa.gov.vn',
  'form.invalid': 'Giá trị trong ô này chưa hợp lệ.',
  'form.dateFormat': 'ngày/tháng/năm',
  'form.dateInvalid': 'Hãy gõ ngày theo dạng ngày/tháng/năm, ví dụ 05/07/2025.',
  'form.dateTooEarly': 'Ngày này phải từ {min} trở về sau.',
  'form.dateTooLate': 'Ngày này phải từ {max} trở về trước.',
} as const;

export const formsEn: Record<keyof typeof formsVi, string> = {
  'form.valueMissing': 'Please fill in this box.',
  'form.selectMissing': 'Please choose one.',
  'form.checkMissing': 'Please tick this box to continue.',
  'form.tooShort': 'At least {min} characters are needed; this box has {count}.',
  'form.tooLong': 'At most {max} characters.',
  'form.patternMismatch': 'Not in the form asked for.',
  'form.patternMismatchHint': 'Not in the form asked for: {hint}',
  'form.numberTooSmall': 'The smallest number allowed is {min}.',
  'form.numberTooLarge': 'The largest number allowed is {max}.',
  'form.numberInvalid': 'Please type a whole number, for example 180.',
  'form.urlInvalid': 'Please type a full address starting with https://',
  'form.emailInvalid': 'Please type an e-mail address, for example name@commune.gov.vn',
  'form.invalid': 'The value in this box is not valid.',
  'form.dateFormat': 'day/month/year',
  'form.dateInvalid': 'Please type the date as day/month/year, for example 05/07/2025.',
  'form.dateTooEarly': 'The date must be {min} or later.',
  'form.dateTooLate': 'The date must be {max} or earlier.',
};
