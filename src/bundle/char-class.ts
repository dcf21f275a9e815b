/** Whether a char code is an ASCII digit. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Whether a char code is a space or a tab. */
export function isSpace(c: number): boolean {
  return c === 32 || c === 9;
}

/** Whether a char code is an ASCII upper-case letter. */
export function isUpperAscii(c: number): boolean {
  return c >= 65 && c <= 90;
}

/** Whether a char code is an ASCII lower-case letter. */
export function isLowerAscii(c: number): boolean {
  return c >= 97 && c <= 122;
}
