/** Messages of staff accounts: first start, signing in, accounts and the audit log; merged into shared/messages.ts. */

export const accountsVi = {
  'accounts.alreadySetUp': 'Trạm đã có tài khoản cán bộ. Hãy đăng nhập.',
  'accounts.wrongPassword': 'Tên đăng nhập hoặc mật khẩu không đúng.',
  'accounts.wrongCurrent': 'Mật khẩu hiện tại không đúng.',
  'accounts.disabled': 'Tài khoản này đã bị khóa. Hãy hỏi cán bộ quản lý trạm.',
  'accounts.locked': 'Đăng nhập sai quá nhiều lần. Vui lòng thử lại sau {minutes} phút.',
  'accounts.nameTaken': 'Tên đăng nhập “{username}” đã có người dùng.',
  'accounts.notYourself': 'Bạn không thể tự khóa hoặc tự hạ quyền tài khoản của mình.',
  'accounts.notHere': 'Chỉ đăng nhập được tại máy của trạm, không đăng nhập từ điện thoại qua mạng nội bộ.',
} as const;

export const accountsEn: Record<keyof typeof accountsVi, string> = {
  'accounts.alreadySetUp': 'This station already has an official account. Please sign in.',
  'accounts.wrongPassword': 'Wrong user name or password.',
  'accounts.wrongCurrent': 'The current password is wrong.',
  'accounts.disabled': 'This account is disabled. Ask the station’s official.',
  'accounts.locked': 'Too many failed sign-ins. Please try again in {minutes} minutes.',
  'accounts.nameTaken': 'The user name “{username}” is taken.',
  'accounts.notYourself': 'You cannot disable or demote your own account.',
  'accounts.notHere': 'Staff sign in at the station’s own PC, not from a phone on the local network.',
} as const;
