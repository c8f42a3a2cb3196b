// The one way a name given by a person (a roster's candidate id, a blueprint's file name) becomes
// part of a file name we write: letters and digits of any script, with - _ . inside; nothing that
// could name a folder, climb out of one, hide a file or confuse a shell or Excel.

/** Why `name` cannot be part of a file name, or undefined when it can. */
export function fileNameProblem(name: string): string | undefined {
  if (name.length === 0) return 'it is empty';
  if (name.length > 64) return `it is ${name.length} characters long (at most 64)`;
  if (/[\\/]/.test(name)) return 'it holds a slash, which names a folder';
  if (/^[.\-]/.test(name)) return 'it starts with "." or "-"';
  if (name.includes('..')) return 'it holds ".."';
  const bad = [...name].find((ch) => !/[\p{L}\p{N}_.\-]/u.test(ch));
  if (bad !== undefined) return `it holds "${bad === ' ' ? 'a space' : bad}" (U+${bad.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}); use letters, digits, - and _`;
  return undefined;
}

/** `name` as part of a file name; throws when it cannot be (the stages check before it gets here). */
export function safeFileName(name: string): string {
  const why = fileNameProblem(name);
  if (why) throw new Error(`"${name}" cannot be part of a file name: ${why}`);
  return name;
}
